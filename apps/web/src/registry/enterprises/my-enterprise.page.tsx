import { useTranslation } from 'react-i18next';
import { useUser } from '../../access/session';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useAsync } from '../../ui/use-async';
import { getEnterprise } from '../registry.api';
import { useKinds, useRegistryLabels } from '../use-kinds';
import { EnterpriseView } from './enterprise-view';
import { findOwnCreditCode } from './my-enterprise';

export default function MyEnterprisePage() {
  const { t } = useTranslation();
  const user = useUser();
  const kinds = useKinds();
  const labels = useRegistryLabels(kinds.data);
  const enterprise = useAsync(
    async (signal) => {
      const creditCode = await findOwnCreditCode(user, signal);
      return creditCode ? getEnterprise(creditCode, signal) : null;
    },
    [user.id],
  );
  return (
    <>
      <PageHeader
        title={enterprise.data?.name ?? user.enterpriseName ?? t('registry.myEnterprise.title')}
        description={t('registry.myEnterprise.description')}
      />
      {enterprise.error ? (
        <ErrorState error={enterprise.error} onRetry={enterprise.reload} />
      ) : enterprise.isLoading && enterprise.data === undefined ? (
        <LoadingState />
      ) : enterprise.data ? (
        <EnterpriseView
          enterprise={enterprise.data}
          fieldLabel={(field) => labels.field('enterprises', field)}
        />
      ) : (
        <EmptyState title={t('registry.myEnterprise.notFound')}>
          {t('registry.myEnterprise.notFoundHint')}
        </EmptyState>
      )}
    </>
  );
}
