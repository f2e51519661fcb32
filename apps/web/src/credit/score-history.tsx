import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyComponent } from '../ui/lazy';
import { EmptyState, LoadingState } from '../ui/states';
import type { ScoreHistoryPoint } from './credit.api';
import { loadScoreHistoryChart } from './score-history-loader';

// ECharts is large: it is never in the first chunk of a page. Pages that will show a history start
// fetching it while their own data loads (prefetch; the app starts it with the page's own code when the
// page is the one being opened), so the chart is not one more round trip after it, and is drawn at once
// when the data comes if the code is there by then.
const ScoreHistoryChart = lazyComponent(loadScoreHistoryChart);

/** Starts downloading the chart code in the background; the page renders it when its data has come. */
export function prefetchScoreHistoryChart(): void {
  ScoreHistoryChart.preload().catch(() => {
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
