import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { getCreditReport, isPurpose } from '../credit/credit.api';
import { LoansSection, PublicRecordsSection, StatementsSection } from '../credit/report-sections';
import { ReportDownloads } from '../credit/report-viewer';
import { prefetchScoreHistoryChart, ScoreHistory } from '../credit/score-history';
import { ScoreSummary } from '../credit/score-summary';
import { useFormat } from '../i18n';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { RefusedState } from './refused-state';

/** One enterprise's report and score history for a member, read for the purpose in the address. */
export default function LookupEnterprisePage() {
  const { t } = useTranslation();
  useEffect(prefetchScoreHistoryChart, []);
  const f = useFormat();
  const { creditCode = '' } = useParams();
  const [params] = useSearchParams();
  const purposeParam = params.get('purpose');
  const purpose = isPurpose(purposeParam) ? purposeParam : 'credit_assessment';
  const report = useAsync(
    (signal) => getCreditReport(creditCode, { purpose }, signal),
    [creditCode, purpose],
  );
  const { data, error } = report;
  const breadcrumb = <Link to="/lookup">{t('lookup.title')}</Link>;

  if (error) {
    return (
      <>
        <PageHeader title={creditCode} breadcrumb={breadcrumb} />
        <section className="card">
          <RefusedState error={error} purpose={purpose} />
        </section>
      </>
    );
  }
  if (!data) return <LoadingState label={t('lookup.opening')} />;
  return (
    <>
      <PageHeader
        title={data.enterprise.name ?? creditCode}
        isTitleData
        breadcrumb={breadcrumb}
        description={
          <>
            <code>{data.enterprise.creditCode}</code>{' '}
            {t('lookup.readAs', {
              purpose: t(`consent.purposes.${purpose}`),
              basis: t(`accessLog.basis.${data.readBasis}` as 'accessLog.basis.consent', {
                defaultValue: data.readBasis,
              }),
            })}
          </>
        }
        actions={<ReportDownloads creditCode={creditCode} purpose={purpose} />}
      />
      <section className="card" aria-labelledby="lookup-score">
        <h2 id="lookup-score" className="card__title">
          {t('credit.score.title')}
        </h2>
        <ScoreSummary score={data.score} audience="member" />
      </section>
      <section className="card" aria-labelledby="lookup-history">
        <h2 id="lookup-history" className="card__title">
          {t('credit.history.title')}
        </h2>
        <ScoreHistory history={data.scoreHistory} />
      </section>
      <section className="card" aria-labelledby="lookup-statements">
        <h2 id="lookup-statements" className="card__title">
          {t('credit.statements.title')}
        </h2>
        <StatementsSection statements={data.statements} />
      </section>
      <section className="card" aria-labelledby="lookup-loans">
        <h2 id="lookup-loans" className="card__title">
          {t('credit.loans.title')}
        </h2>
        <LoansSection loans={data.loans} />
      </section>
      <section className="card" aria-labelledby="lookup-records">
        <h2 id="lookup-records" className="card__title">
          {t('credit.publicRecords.title')}
        </h2>
        <PublicRecordsSection records={data.publicRecords} />
      </section>
      <p className="muted">
        {t('lookup.lookups', {
          total: f.integer(data.lookups.total),
          refused: f.integer(data.lookups.refused),
        })}{' '}
        <DataText>{data.accessLogId}</DataText>
      </p>
    </>
  );
}
