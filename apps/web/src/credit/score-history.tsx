import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingState } from '../ui/states';
import type { ScoreHistoryPoint } from './credit.api';

// ECharts is large: its chunk is fetched only once a history with points is on screen.
const ScoreHistoryChart = lazy(() => import('./score-history-chart'));

export function ScoreHistory({ history }: { history: ScoreHistoryPoint[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <EmptyState title={t('credit.history.empty')} />;
  return (
    <Suspense fallback={<LoadingState label={t('credit.history.loading')} />}>
      <ScoreHistoryChart history={history} />
    </Suspense>
  );
}
