import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page, Submission } from '../api/types';
import { useFormat } from '../i18n';
import { useKinds, useRegistryLabels } from '../registry/use-kinds';
import { DataTable } from '../ui/data-table';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { StatusBadge } from '../ui/status-badge';
import type { AsyncState } from '../ui/use-async';

export function RecentSubmissions({
  recent,
  showMember,
}: {
  recent: AsyncState<Page<Submission>>;
  showMember: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const kinds = useKinds();
  const labels = useRegistryLabels(kinds.data);
  if (recent.error) return <ErrorState error={recent.error} onRetry={recent.reload} compact />;
  if (!recent.data) return <LoadingState />;
  if (recent.data.items.length === 0) return <EmptyState title={t('registry.history.empty')} />;
  return (
    <DataTable
      caption={t('home.recentSubmissions')}
      rows={recent.data.items}
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
            <Link to={`/registry/submissions/${encodeURIComponent(submission.id)}`}>
              {submission.fileName}
            </Link>
          ),
          className: 'cell-file',
        },
        {
          key: 'kind',
          header: t('registry.history.kind'),
          cell: (submission) => labels.kind(submission.kind),
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
      ]}
    />
  );
}
