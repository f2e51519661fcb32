import { useTranslation } from 'react-i18next';
import { roleGroup } from '../access/permissions';
import { useUser } from '../access/session';
import { PageHeader } from '../ui/page-header';
import { EnterpriseHome } from './enterprise-home';
import { MemberHome } from './member-home';
import { OperatorHome } from './operator-home';
import { RegulatorHome } from './regulator-home';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const group = roleGroup(user.role);
  return (
    <>
      <PageHeader
        title={t('home.title')}
        description={t('home.welcome', { name: user.displayName, role: t(`role.${user.role}`) })}
      />
      {group === 'operator' ? <OperatorHome /> : null}
      {group === 'member' ? <MemberHome /> : null}
      {group === 'enterprise' ? <EnterpriseHome /> : null}
      {group === 'regulator' ? <RegulatorHome /> : null}
    </>
  );
}
