import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingState } from '../ui/states';
import type { ScoreHistoryPoint } from './credit.api';

// ECharts is large: it is never in the first chunk of a page. Pages that will show a history start
// fetching it while their own data loads (prefetch), so the chart is not one more round trip after it.
const loadChart = () => import('./score-history-chart');
const ScoreHistoryChart = lazy(loadChart);

/** Starts downloading the chart code in the background; the page renders it when its data has come. */
export function prefetchScoreHistoryChart(): void {
  void loadChart().catch(() => {
    // A failed prefetch is retried by the lazy component, which shows its own error.
  });
}

export function ScoreHistory({ history }: { history: ScoreHistoryPoint[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <EmptyState title={t('credit.history.empty')} />;
  return (
    <Suspense fallback={<LoadingState label={t('credit.history.loading')} />}>
      <ScoreHistoryChart history={history} />
    </Suspense>
  );
}
