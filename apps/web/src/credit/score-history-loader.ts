import { loader } from '../ui/loader';

/** The score history's chart (ECharts): its own chunk, fetched by the pages that show it. */
export const loadScoreHistoryChart = loader(() => import('./score-history-chart'));
