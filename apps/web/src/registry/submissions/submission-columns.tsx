import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Submission } from '../../api/types';
import { useFormat } from '../../i18n';
import type { Column } from '../../ui/data-table';
import { StatusBadge } from '../../ui/status-badge';

/**
 * The columns a table of submissions picks from, keyed by name (`file` links the file name to the
 * submission; `fileWithMode` adds the upload mode under it). `kindLabel` names a data kind.
 */
export function useSubmissionColumns(kindLabel: (kind: string) => string) {
  const { t } = useTranslation();
  const f = useFormat();
  const fileLink = (submission: Submission) => (
    <Link to={`/registry/submissions/${encodeURIComponent(submission.id)}`}>{submission.fileName}</Link>
  );
  return {
    submittedAt: {
      key: 'submittedAt',
      header: t('registry.history.submittedAt'),
      cell: (submission) => f.dateTime(submission.createdAt),
      className: 'nowrap',
    },
    file: {
      key: 'file',
      header: t('registry.history.file'),
      cell: fileLink,
      className: 'cell-file',
    },
    fileWithMode: {
      key: 'file',
      header: t('registry.history.file'),
      cell: (submission) => (
        <>
          {fileLink(submission)}
          <span className="cell-sub">{t(`registry.mode.${submission.mode}.short`)}</span>
        </>
      ),
      className: 'cell-file',
    },
    kind: {
      key: 'kind',
      header: t('registry.history.kind'),
      cell: (submission) => kindLabel(submission.kind),
    },
    member: {
      key: 'member',
      header: t('registry.history.member'),
      cell: (submission) => submission.memberName,
    },
    status: {
      key: 'status',
      header: t('registry.history.status'),
      cell: (submission) => <StatusBadge status={submission.status} />,
    },
    total: {
      key: 'total',
      header: t('registry.history.rowsTotal'),
      cell: (submission) => f.integer(submission.rowsTotal),
      numeric: true,
    },
    accepted: {
      key: 'accepted',
      header: t('registry.history.rowsAccepted'),
      cell: (submission) => f.integer(submission.rowsAccepted),
      numeric: true,
    },
    rejected: {
      key: 'rejected',
      header: t('registry.history.rowsRejected'),
      cell: (submission) => f.integer(submission.rowsRejected),
      numeric: true,
    },
    submittedBy: {
      key: 'submittedBy',
      header: t('registry.history.submittedBy'),
      cell: (submission) => submission.submittedByName,
    },
  } satisfies Record<string, Column<Submission>>;
}
