import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getCreditReport } from '../credit/credit.api';
import { prefetchScoreHistoryChart, ScoreHistory } from '../credit/score-history';
import { ScoreSummary } from '../credit/score-summary';
import { PageHeader } from '../ui/page-header';
import { ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { useOwnCreditCode } from './own-enterprise';

/** "My credit": the enterprise's score, grade and PD, why, and what would raise the grade. */
export default function MyCreditPage() {
  const { t } = useTranslation();
  useEffect(prefetchScoreHistoryChart, []);
  const code = useOwnCreditCode();
  const report = useAsync(
    (signal) => (code.data ? getCreditReport(code.data, {}, signal) : new Promise<never>(() => {})),
    [code.data],
  );
  const error = code.error ?? report.error;
  return (
    <>
      <PageHeader title={t('enterprise.credit.title')} description={t('enterprise.credit.description')} />
      {error ? (
        <ErrorState error={error} onRetry={code.error ? code.reload : report.reload} />
      ) : !report.data ? (
        <LoadingState />
      ) : (
        <>
          <section className="card" aria-labelledby="my-score">
            <h2 id="my-score" className="card__title">
              {t('credit.score.title')}
            </h2>
            <ScoreSummary score={report.data.score} audience="own" />
          </section>
          <section className="card" aria-labelledby="my-history">
            <h2 id="my-history" className="card__title">
              {t('credit.history.title')}
            </h2>
            <ScoreHistory history={report.data.scoreHistory} />
          </section>
          <p className="muted">
            <Link to="/my/report">{t('enterprise.credit.toReport')}</Link>
            {' · '}
            <Link to="/my/diagnosis">{t('enterprise.credit.toDiagnosis')}</Link>
          </p>
        </>
      )}
    </>
  );
}
