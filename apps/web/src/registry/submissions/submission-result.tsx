import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Submission } from '../../api/types';
import { useFormat } from '../../i18n';
import { Icon } from '../../ui/icon';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import { submissionErrorsCsvUrl } from '../registry.api';
import { RowErrorsTable } from './row-errors-table';

type SubmissionResultProps = {
  submission: Submission;
  kindLabel: string;
  isReplay?: boolean;
  headingLevel?: 'h2' | 'h3';
};

export function SubmissionResult({
  submission,
  kindLabel,
  isReplay,
  headingLevel = 'h2',
}: SubmissionResultProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const Heading = headingLevel;
  const acceptedShare = submission.rowsTotal > 0 ? submission.rowsAccepted / submission.rowsTotal : 0;
  const shown = submission.errors.length;

  return (
    <section className={`result result--${submission.status}`} aria-labelledby={`result-${submission.id}`}>
      <div className="result__header">
        <div>
          <Heading id={`result-${submission.id}`} className="result__title">
            {t(`registry.result.headline.${submission.status}`)}
          </Heading>
          <p className="result__meta">
            <Icon name="file" size={16} /> <strong>{submission.fileName}</strong>
            <span aria-hidden="true"> · </span>
            {kindLabel}
            <span aria-hidden="true"> · </span>
            {t(`registry.mode.${submission.mode}.label`)}
            <span aria-hidden="true"> · </span>
            {f.dateTime(submission.createdAt)}
            <span aria-hidden="true"> · </span>
            {t('registry.result.submittedBy', {
              name: submission.submittedByName,
              member: submission.memberName,
            })}
          </p>
        </div>
        <StatusBadge status={submission.status} />
      </div>

      {isReplay || submission.duplicateOf ? (
        <p className="notice notice--info" role="status">
          {t('registry.result.replay')}{' '}
          {submission.duplicateOf && submission.duplicateOf !== submission.id ? (
            <Link to={`/registry/submissions/${encodeURIComponent(submission.duplicateOf)}`}>
              {t('registry.result.openOriginal')}
            </Link>
          ) : null}
        </p>
      ) : null}

      <dl className="stats">
        <div className="stat">
          <dt>{t('registry.result.rowsTotal')}</dt>
          <dd>{f.integer(submission.rowsTotal)}</dd>
        </div>
        <div className="stat stat--success">
          <dt>{t('registry.result.rowsAccepted')}</dt>
          <dd>{f.integer(submission.rowsAccepted)}</dd>
        </div>
        <div className="stat stat--danger">
          <dt>{t('registry.result.rowsRejected')}</dt>
          <dd>{f.integer(submission.rowsRejected)}</dd>
        </div>
        <div className="stat">
          <dt>{t('registry.result.acceptedShare')}</dt>
          <dd>{submission.rowsTotal > 0 ? f.percent(acceptedShare) : '—'}</dd>
        </div>
      </dl>

      <div className="result__errors">
        <div className="section-heading">
          <h3>
            {t('registry.result.errorsTitle', {
              count: submission.errorCount,
              formatted: f.integer(submission.errorCount),
            })}
          </h3>
          {submission.errorCount > 0 ? (
            <a
              className="button button--secondary button--small"
              href={submissionErrorsCsvUrl(submission.id)}
              download={`${submission.id}-errors.csv`}
            >
              <Icon name="download" size={16} />
              {t('registry.result.downloadErrors')}
            </a>
          ) : null}
        </div>
        {submission.errorCount === 0 ? (
          <EmptyState title={t('registry.result.noErrors')} />
        ) : shown === 0 ? (
          <p className="muted">{t('registry.result.errorsInReport')}</p>
        ) : (
          <>
            {submission.errorCount > shown ? (
              <p className="muted">
                {t('registry.result.errorsShown', {
                  shown: f.integer(shown),
                  total: f.integer(submission.errorCount),
                })}
              </p>
            ) : null}
            <RowErrorsTable errors={submission.errors} caption={t('registry.result.errorsCaption')} />
          </>
        )}
      </div>
    </section>
  );
}
