import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../access/session';
import { isRefusedRead, RefusedState } from '../../lookup/refused-state';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useAsync } from '../../ui/use-async';
import { getEnterprise } from '../registry.api';
import { useKinds, useRegistryLabels } from '../use-kinds';
import { EnterpriseView } from './enterprise-view';

export default function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { creditCode = '' } = useParams();
  const kinds = useKinds();
  const labels = useRegistryLabels(kinds.data);
  const enterprise = useAsync((signal) => getEnterprise(creditCode, signal), [creditCode]);
  return (
    <>
      <PageHeader
        title={
          enterprise.data
            ? (enterprise.data.name ?? enterprise.data.creditCode)
            : t('registry.enterprise.title')
        }
        breadcrumb={
          can('registry.enterprises.view') ? (
            <Link to="/registry/enterprises">{t('registry.enterprise.back')}</Link>
          ) : undefined
        }
      />
      {enterprise.error ? (
        isRefusedRead(enterprise.error) ? (
          <RefusedState error={enterprise.error} purpose="credit_assessment" />
        ) : (
          <ErrorState error={enterprise.error} onRetry={enterprise.reload} />
        )
      ) : enterprise.data ? (
        <EnterpriseView
          enterprise={enterprise.data}
          fieldLabel={(field) => labels.field('enterprises', field)}
        />
      ) : (
        <LoadingState />
      )}
    </>
  );
}
