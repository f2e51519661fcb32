import { useTranslation } from 'react-i18next';
import { roleGroup } from '../access/permissions';
import { useUser } from '../access/session';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EnterpriseHome } from './enterprise-home';
import { MemberHome } from './member-home';
import { OperatorHome } from './operator-home';
import { RegulatorHome } from './regulator-home';

const NAME_SLOT = '\u0000';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const group = roleGroup(user.role);
  // The person's name is data, kept as written in every language (and skipped by the language tests).
  const [before = '', after = ''] = t('home.welcome', {
    name: NAME_SLOT,
    role: t(`role.${user.role}`),
  }).split(NAME_SLOT);
  return (
    <>
      <PageHeader
        title={t('home.title')}
        description={
          <>
            {before}
            <DataText>{user.displayName}</DataText>
            {after}
          </>
        }
      />
      {group === 'operator' ? <OperatorHome /> : null}
      {group === 'member' ? <MemberHome /> : null}
      {group === 'enterprise' ? <EnterpriseHome /> : null}
      {group === 'regulator' ? <RegulatorHome /> : null}
    </>
  );
}
