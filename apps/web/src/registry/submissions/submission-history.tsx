import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page, Submission } from '../../api/types';
import { useFormat } from '../../i18n';
import { DataTable } from '../../ui/data-table';
import { Pagination } from '../../ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import type { AsyncState } from '../../ui/use-async';

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
  const f = useFormat();
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
          {
            key: 'submittedAt',
            header: t('registry.history.submittedAt'),
            cell: (submission) => f.dateTime(submission.createdAt),
            className: 'nowrap',
          },
          {
            key: 'file',
            header: t('registry.history.file'),
            cell: (submission) => (
              <>
                <Link to={`/registry/submissions/${encodeURIComponent(submission.id)}`}>
                  {submission.fileName}
                </Link>
                <span className="cell-sub">{t(`registry.mode.${submission.mode}.short`)}</span>
              </>
            ),
            className: 'cell-file',
          },
          {
            key: 'kind',
            header: t('registry.history.kind'),
            cell: (submission) => kindLabel(submission.kind),
          },
          showMember && {
            key: 'member',
            header: t('registry.history.member'),
            cell: (submission) => submission.memberName,
          },
          {
            key: 'status',
            header: t('registry.history.status'),
            cell: (submission) => <StatusBadge status={submission.status} />,
          },
          {
            key: 'total',
            header: t('registry.history.rowsTotal'),
            cell: (submission) => f.integer(submission.rowsTotal),
            numeric: true,
          },
          {
            key: 'accepted',
            header: t('registry.history.rowsAccepted'),
            cell: (submission) => f.integer(submission.rowsAccepted),
            numeric: true,
          },
          {
            key: 'rejected',
            header: t('registry.history.rowsRejected'),
            cell: (submission) => f.integer(submission.rowsRejected),
            numeric: true,
          },
          {
            key: 'submittedBy',
            header: t('registry.history.submittedBy'),
            cell: (submission) => submission.submittedByName,
          },
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
