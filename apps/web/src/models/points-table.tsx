import { useTranslation } from 'react-i18next';
import { describeBin, featureLabel } from '../credit/feature-text';
import { useFormat } from '../i18n';
import type { FeatureTerm, InteractionTerm, PointsTable } from './models.api';

function FeatureBins({ term }: { term: FeatureTerm }) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = term.counts?.reduce((a, b) => a + b, 0) ?? 0;
  const best = Math.max(...term.points);
  return (
    // A region that may scroll must be reachable by keyboard to be scrolled (WCAG 2.1.1), as in ui/data-table.
    <section
      className="table-scroll"
      aria-label={featureLabel(t, term.feature)}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focused to scroll it by keyboard
      tabIndex={0}
    >
      <table className="table table--dense">
        <caption className="models-caption">
          {featureLabel(t, term.feature)} <code className="cell-sub">{term.feature}</code>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('models.points.bin')}</th>
            <th scope="col" className="numeric">
              {t('models.points.points')}
            </th>
            {term.counts ? (
              <>
                <th scope="col" className="numeric">
                  {t('models.points.share')}
                </th>
                <th scope="col" className="numeric">
                  {t('models.points.eventRate')}
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {term.labels.map((label, bin) => {
            const count = term.counts?.[bin] ?? 0;
            const events = term.events?.[bin] ?? 0;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional and never reorder
              <tr key={bin} className={term.points[bin] === best ? 'models-best-bin' : undefined}>
                <th scope="row" title={label}>
                  {describeBin(term.feature, label, t, f)}
                </th>
                <td className="numeric">{f.number(term.points[bin], 2)}</td>
                {term.counts ? (
                  <>
                    <td className="numeric">{total ? f.percent(count / total, 1) : '—'}</td>
                    <td className="numeric">{count ? f.percent(events / count, 1) : '—'}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function PairTable({ pair }: { pair: InteractionTerm }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [rows, columns] = pair.labels;
  const title = t('models.points.pair', {
    a: featureLabel(t, pair.features[0]),
    b: featureLabel(t, pair.features[1]),
  });
  return (
    // Keyboard-scrollable like the one-feature tables above.
    <section
      className="table-scroll"
      aria-label={title}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focused to scroll it by keyboard
      tabIndex={0}
    >
      <table className="table table--dense">
        <caption className="models-caption">{title}</caption>
        <thead>
          <tr>
            <th scope="col">
              {featureLabel(t, pair.features[0])} \ {featureLabel(t, pair.features[1])}
            </th>
            {columns.map((label, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional
              <th key={j} scope="col" className="numeric" title={label}>
                {describeBin(pair.features[1], label, t, f)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((label, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional
            <tr key={i}>
              <th scope="row" title={label}>
                {describeBin(pair.features[0], label, t, f)}
              </th>
              {columns.map((_, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional
                <td key={j} className="numeric">
                  {f.number(pair.points[i * columns.length + j], 2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The whole model, readable line by line: the starting points, each feature's bins with their points
 * (the best bin marked) and, for a GAM, each pair's 2-D table. A record's score is the sum of its cells.
 */
export function PointsTableView({ model }: { model: PointsTable }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="models-points">
      <p>
        {t('models.points.intercept', {
          points: f.number(model.intercept, 2),
          base: f.number(model.scaling.baseScore, 0),
          odds: f.number(model.scaling.baseOdds, 0),
          pdo: f.number(model.scaling.pdo, 0),
        })}
      </p>
      <div className="models-points__grid">
        {model.features.map((term) => (
          <FeatureBins key={term.feature} term={term} />
        ))}
      </div>
      {model.interactions.length > 0 ? (
        <>
          <h3>{t('models.points.pairs')}</h3>
          <div className="models-points__grid">
            {model.interactions.map((pair) => (
              <PairTable key={pair.features.join('×')} pair={pair} />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
