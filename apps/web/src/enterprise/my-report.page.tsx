import { useTranslation } from 'react-i18next';
import { ReportDownloads, ReportFrame } from '../credit/report-viewer';
import { PageHeader } from '../ui/page-header';
import { ErrorState, LoadingState } from '../ui/states';
import { useOwnCreditCode } from './own-enterprise';

/** The enterprise's own credit assessment report, as the members it consents to would see it. */
export default function MyReportPage() {
  const { t } = useTranslation();
  const code = useOwnCreditCode();
  return (
    <>
      <PageHeader
        title={t('enterprise.report.title')}
        description={t('enterprise.report.description')}
        actions={code.data ? <ReportDownloads creditCode={code.data} /> : null}
      />
      <section className="card">
        {code.error ? (
          <ErrorState error={code.error} onRetry={code.reload} />
        ) : !code.data ? (
          <LoadingState />
        ) : (
          <ReportFrame creditCode={code.data} />
        )}
      </section>
    </>
  );
}
