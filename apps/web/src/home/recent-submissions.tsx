import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page, Submission } from '../api/types';
import { useFormat } from '../i18n';
import { useKinds, useRegistryLabels } from '../registry/use-kinds';
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
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('home.recentSubmissions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('registry.history.submittedAt')}</th>
            <th scope="col">{t('registry.history.file')}</th>
            <th scope="col">{t('registry.history.kind')}</th>
            {showMember ? <th scope="col">{t('registry.history.member')}</th> : null}
            <th scope="col">{t('registry.history.status')}</th>
            <th scope="col" className="numeric">
              {t('registry.history.rowsAccepted')}
            </th>
            <th scope="col" className="numeric">
              {t('registry.history.rowsRejected')}
            </th>
          </tr>
        </thead>
        <tbody>
          {recent.data.items.map((submission) => (
            <tr key={submission.id}>
              <td className="nowrap">{f.dateTime(submission.createdAt)}</td>
              <td className="cell-file">
                <Link to={`/registry/submissions/${encodeURIComponent(submission.id)}`}>
                  {submission.fileName}
                </Link>
              </td>
              <td>{labels.kind(submission.kind)}</td>
              {showMember ? <td>{submission.memberName}</td> : null}
              <td>
                <StatusBadge status={submission.status} />
              </td>
              <td className="numeric">{f.integer(submission.rowsAccepted)}</td>
              <td className="numeric">{f.integer(submission.rowsRejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
