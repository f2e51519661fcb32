import { useTranslation } from 'react-i18next';
import type { Page, Submission } from '../api/types';
import { useSubmissionColumns } from '../registry/submissions/submission-columns';
import { useKinds, useRegistryLabels } from '../registry/use-kinds';
import { DataTable } from '../ui/data-table';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import type { AsyncState } from '../ui/use-async';

export function RecentSubmissions({
  recent,
  showMember,
}: {
  recent: AsyncState<Page<Submission>>;
  showMember: boolean;
}) {
  const { t } = useTranslation();
  const kinds = useKinds();
  const labels = useRegistryLabels(kinds.data);
  const c = useSubmissionColumns(labels.kind);
  if (recent.error) return <ErrorState error={recent.error} onRetry={recent.reload} compact />;
  if (!recent.data) return <LoadingState />;
  if (recent.data.items.length === 0) return <EmptyState title={t('registry.history.empty')} />;
  return (
    <DataTable
      caption={t('home.recentSubmissions')}
      rows={recent.data.items}
      rowKey={(submission) => submission.id}
      columns={[c.submittedAt, c.file, c.kind, showMember && c.member, c.status, c.accepted, c.rejected]}
    />
  );
}
