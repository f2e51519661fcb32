import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page, Submission } from '../../api/types';
import { useFormat } from '../../i18n';
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
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{t('registry.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('registry.history.submittedAt')}</th>
              <th scope="col">{t('registry.history.file')}</th>
              <th scope="col">{t('registry.history.kind')}</th>
              {showMember ? <th scope="col">{t('registry.history.member')}</th> : null}
              <th scope="col">{t('registry.history.status')}</th>
              <th scope="col" className="numeric">
                {t('registry.history.rowsTotal')}
              </th>
              <th scope="col" className="numeric">
                {t('registry.history.rowsAccepted')}
              </th>
              <th scope="col" className="numeric">
                {t('registry.history.rowsRejected')}
              </th>
              <th scope="col">{t('registry.history.submittedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((submission) => (
              <tr key={submission.id}>
                <td className="nowrap">{f.dateTime(submission.createdAt)}</td>
                <td className="cell-file">
                  <Link to={`/registry/submissions/${encodeURIComponent(submission.id)}`}>
                    {submission.fileName}
                  </Link>
                  <span className="cell-sub">{t(`registry.mode.${submission.mode}.short`)}</span>
                </td>
                <td>{kindLabel(submission.kind)}</td>
                {showMember ? <td>{submission.memberName}</td> : null}
                <td>
                  <StatusBadge status={submission.status} />
                </td>
                <td className="numeric">{f.integer(submission.rowsTotal)}</td>
                <td className="numeric">{f.integer(submission.rowsAccepted)}</td>
                <td className="numeric">{f.integer(submission.rowsRejected)}</td>
                <td>{submission.submittedByName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
