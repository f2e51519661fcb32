import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindQuality, QualityReport } from '../../api/types';
import { useFormat } from '../../i18n';
import { ProgressBar } from '../../ui/progress-bar';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import type { AsyncState } from '../../ui/use-async';

type Labels = { kind: (kind: string) => string; field: (kind: string, field: string) => string };

function completenessTone(ratio: number): 'success' | 'warning' | 'danger' {
  if (ratio >= 0.95) return 'success';
  if (ratio >= 0.8) return 'warning';
  return 'danger';
}

/** Long lists start with the least complete fields, which are the ones to act on. */
const FIELDS_SHOWN = 8;
const FIELDS_COLLAPSED_ABOVE = 10;

function KindQualityCard({ quality, labels }: { quality: KindQuality; labels: Labels }) {
  const { t } = useTranslation();
  const f = useFormat();
  const listId = useId();
  const [isExpanded, setIsExpanded] = useState(false);
  const rows = quality.rowsAccepted + quality.rowsRejected;
  const sorted = [...quality.completeness].sort((a, b) => a.ratio - b.ratio);
  const isCollapsible = sorted.length > FIELDS_COLLAPSED_ABOVE;
  const fields = isExpanded || !isCollapsible ? sorted : sorted.slice(0, FIELDS_SHOWN);
  return (
    <article className="quality-card">
      <h4 className="quality-card__title">{labels.kind(quality.kind)}</h4>
      <dl className="quality-card__figures">
        <div>
          <dt>{t('registry.quality.submissions')}</dt>
          <dd>{f.integer(quality.submissions)}</dd>
        </div>
        <div>
          <dt>{t('registry.quality.rowsAccepted')}</dt>
          <dd>{f.integer(quality.rowsAccepted)}</dd>
        </div>
        <div>
          <dt>{t('registry.quality.rowsRejected')}</dt>
          <dd>{f.integer(quality.rowsRejected)}</dd>
        </div>
        <div>
          <dt>{t('registry.quality.acceptance')}</dt>
          <dd>{rows > 0 ? f.percent(quality.rowsAccepted / rows) : '—'}</dd>
        </div>
        <div>
          <dt>{t('registry.quality.timeliness')}</dt>
          <dd>
            {quality.statementLagDaysMedian === null
              ? t('registry.quality.notApplicable')
              : t('registry.quality.lagDays', { days: f.number(quality.statementLagDaysMedian, 1) })}
          </dd>
        </div>
      </dl>
      <h5 className="quality-card__subtitle">
        {isCollapsible && !isExpanded
          ? t('registry.quality.completenessWorst', {
              shown: f.integer(FIELDS_SHOWN),
              total: f.integer(sorted.length),
            })
          : t('registry.quality.completeness')}
      </h5>
      {fields.length === 0 ? (
        <p className="muted">{t('registry.quality.noCompleteness')}</p>
      ) : (
        <ul className="bars" id={listId}>
          {fields.map((field) => {
            const label = labels.field(quality.kind, field.field);
            return (
              <li key={field.field} className="bars__row">
                <span className="bars__label" title={field.field}>
                  {label}
                  {label !== field.field ? <code className="bars__code">{field.field}</code> : null}
                </span>
                <ProgressBar
                  label={label}
                  value={field.ratio}
                  valueText={f.percent(field.ratio)}
                  tone={completenessTone(field.ratio)}
                />
                <span className="bars__value">{f.percent(field.ratio)}</span>
              </li>
            );
          })}
        </ul>
      )}
      {isCollapsible ? (
        <button
          type="button"
          className="button button--ghost button--small quality-card__toggle"
          aria-expanded={isExpanded}
          aria-controls={listId}
          onClick={() => setIsExpanded((expanded) => !expanded)}
        >
          {isExpanded
            ? t('registry.quality.showFewer')
            : t('registry.quality.showAll', { total: f.integer(sorted.length) })}
        </button>
      ) : null}
    </article>
  );
}

export function QualityPanel({ quality, labels }: { quality: AsyncState<QualityReport>; labels: Labels }) {
  const { t } = useTranslation();
  const id = useId();
  const [memberId, setMemberId] = useState<string | null>(null);
  const { data, error, reload } = quality;

  if (error && !data) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <LoadingState />;
  const members = data.members.filter((member) => member.kinds.length > 0);
  if (members.length === 0) {
    return <EmptyState title={t('registry.quality.empty')}>{t('registry.quality.emptyHint')}</EmptyState>;
  }
  const member = members.find((candidate) => candidate.memberId === memberId) ?? members[0];
  if (!member) return null;
  return (
    <div className="quality">
      {members.length > 1 ? (
        <div className="field field--inline">
          <label htmlFor={`${id}-member`}>{t('registry.quality.member')}</label>
          <select
            id={`${id}-member`}
            value={member.memberId}
            onChange={(event) => setMemberId(event.target.value)}
          >
            {members.map((candidate) => (
              <option key={candidate.memberId} value={candidate.memberId}>
                {candidate.memberName}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="quality__grid">
        {member.kinds.map((kind) => (
          <KindQualityCard key={kind.kind} quality={kind} labels={labels} />
        ))}
      </div>
    </div>
  );
}
