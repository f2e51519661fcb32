import { useTranslation } from 'react-i18next';
import type { Page, Submission } from '../../api/types';
import { DataTable } from '../../ui/data-table';
import { Pagination } from '../../ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import type { AsyncState } from '../../ui/use-async';
import { useSubmissionColumns } from './submission-columns';

type SubmissionHistoryProps = {
  history: AsyncState<Page<Submission>>;
  offset: number;
  limit: number;
  onPage: (offset: number) => void;
  kindLabel: (kind: string) => string;
  showMember: boolean;
};

export function SubmissionHistory({
  history,
  offset,
  limit,
  onPage,
  kindLabel,
  showMember,
}: SubmissionHistoryProps) {
  const { t } = useTranslation();
  const c = useSubmissionColumns(kindLabel);
  const { data, error, isLoading, reload } = history;

  if (error && !data) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <LoadingState />;
  if (data.total === 0) {
    return <EmptyState title={t('registry.history.empty')}>{t('registry.history.emptyHint')}</EmptyState>;
  }
  return (
    <div aria-busy={isLoading}>
      {error ? <ErrorState error={error} onRetry={reload} compact /> : null}
      <DataTable
        caption={t('registry.history.title')}
        rows={data.items}
        rowKey={(submission) => submission.id}
        columns={[
          c.submittedAt,
          c.fileWithMode,
          c.kind,
          showMember && c.member,
          c.status,
          c.total,
          c.accepted,
          c.rejected,
          c.submittedBy,
        ]}
      />
      <Pagination
        offset={offset}
        limit={limit}
        total={data.total}
        onChange={onPage}
        label={t('registry.history.pagination')}
      />
    </div>
  );
}
