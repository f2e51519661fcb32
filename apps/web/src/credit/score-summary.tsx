import { useTranslation } from 'react-i18next';
import { StatTiles } from '../home/stat-tiles';
import { useFormat } from '../i18n';
import { EmptyState } from '../ui/states';
import type { ReportScore } from './credit.api';
import { describeBin, featureLabel } from './feature-text';

/**
 * Score, grade and PD, then the reasons in plain words (what cost points, against the best band of each
 * feature) and what would raise the grade (the model's counterfactual). `audience` picks "your" or "its".
 */
export function ScoreSummary({ score, audience }: { score: ReportScore; audience: 'own' | 'member' }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!score.available) {
    return (
      <EmptyState title={t('credit.score.unavailable')}>
        <p>{t('credit.score.unavailableHint')}</p>
      </EmptyState>
    );
  }
  const { counterfactual } = score;
  return (
    <>
      <StatTiles
        label={t('credit.score.title')}
        tiles={[
          { label: t('credit.score.score'), value: f.number(score.score, 0) },
          { label: t('credit.score.grade'), value: score.grade, hint: t('credit.score.gradeHint') },
          { label: t('credit.score.pd'), value: f.percent(score.pd, 2), hint: t('credit.score.pdHint') },
        ]}
      />
      <p className="muted">
        {t('credit.score.model', {
          version: f.integer(score.modelVersion),
          kind: t(`credit.modelKind.${score.modelKind}` as 'credit.modelKind.scorecard', {
            defaultValue: score.modelKind,
          }),
          date: f.date(score.asOf),
        })}
      </p>

      <section aria-labelledby="reasons-title">
        <h3 id="reasons-title" className="card__title">
          {t(audience === 'own' ? 'credit.reasons.titleOwn' : 'credit.reasons.titleMember')}
        </h3>
        {score.reasons.length === 0 ? (
          <p>{t('credit.reasons.none')}</p>
        ) : (
          <ol className="reasons" data-testid="reasons">
            {score.reasons.map((reason) => (
              <li key={`${reason.feature}|${reason.bin}`}>
                {t('credit.reasons.sentence', {
                  feature: featureLabel(t, reason.feature),
                  bin: describeBin(reason.feature, reason.bin, t, f),
                  points: f.number(reason.pointsLost, 1),
                })}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="advice-title">
        <h3 id="advice-title" className="card__title">
          {t(audience === 'own' ? 'credit.advice.titleOwn' : 'credit.advice.titleMember')}
        </h3>
        {counterfactual.toGrade === null ? (
          <p>{t('credit.advice.top', { grade: counterfactual.fromGrade })}</p>
        ) : counterfactual.changes.length === 0 || !counterfactual.reachable ? (
          <p>{t('credit.advice.unreachable', { grade: counterfactual.toGrade })}</p>
        ) : (
          <>
            <p>{t('credit.advice.intro', { from: counterfactual.fromGrade, to: counterfactual.toGrade })}</p>
            <ul className="reasons" data-testid="advice">
              {counterfactual.changes.map((change) => (
                <li key={`${change.feature}|${change.toBin}`}>
                  {t('credit.advice.change', {
                    feature: featureLabel(t, change.feature),
                    from: describeBin(change.feature, change.fromBin, t, f),
                    to: describeBin(change.feature, change.toBin, t, f),
                    points: f.number(change.pointsGained, 1),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
