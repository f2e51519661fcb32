import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import type { AsyncState } from '../ui/use-async';

type AdminListProps<Row> = {
  list: AsyncState<Row[]>;
  /** The empty state's title. */
  empty: string;
  /** Renders the rows once there are some. */
  children: (rows: Row[]) => ReactNode;
};

/** An admin list's loading, error (with retry) and empty states, or its rows. */
export function AdminList<Row>({ list, empty, children }: AdminListProps<Row>) {
  if (list.isLoading && !list.data) return <LoadingState />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data || list.data.length === 0) return <EmptyState title={empty} />;
  return children(list.data);
}
