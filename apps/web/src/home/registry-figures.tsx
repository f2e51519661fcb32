import { useTranslation } from 'react-i18next';
import type { Page, QualityReport } from '../api/types';
import { useFormat } from '../i18n';
import { ErrorState, LoadingState } from '../ui/states';
import type { AsyncState } from '../ui/use-async';
import { StatTiles, type Tile } from './stat-tiles';
import { qualityTotals } from './summary';

/** Registry-wide totals from the quality figures; the enterprise count only for those who may list them. */
export function RegistryTotals({
  quality,
  enterprises,
}: {
  quality: AsyncState<QualityReport>;
  enterprises?: AsyncState<Page<unknown>>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (quality.error) return <ErrorState error={quality.error} onRetry={quality.reload} compact />;
  if (!quality.data) return <LoadingState />;
  const members = quality.data.members;
  const totals = qualityTotals(members);
  const tiles: Tile[] = [
    {
      label: t('home.operator.members'),
      value: f.integer(members.filter((member) => member.kinds.length > 0).length),
    },
    { label: t('home.stats.submissions'), value: f.integer(totals.submissions) },
    { label: t('home.stats.rowsAccepted'), value: f.integer(totals.rowsAccepted), tone: 'success' },
    { label: t('home.stats.rowsRejected'), value: f.integer(totals.rowsRejected), tone: 'danger' },
    { label: t('home.stats.acceptance'), value: f.percent(totals.acceptance) },
  ];
  if (enterprises) {
    tiles.unshift({
      label: t('home.operator.enterprises'),
      value: enterprises.data ? f.integer(enterprises.data.total) : '—',
    });
  }
  return <StatTiles label={t('home.operator.totals')} tiles={tiles} />;
}

/** Members ranked by acceptance rate, worst first: where the operator should look. */
export function MemberQualityTable({ quality }: { quality: AsyncState<QualityReport> }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!quality.data) return null;
  const ranked = quality.data.members
    .filter((member) => member.kinds.length > 0)
    .map((member) => ({ member, totals: qualityTotals([member]) }))
    .sort((a, b) => (a.totals.acceptance ?? 1) - (b.totals.acceptance ?? 1));
  if (ranked.length === 0) return <p className="muted">{t('registry.quality.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('home.operator.membersTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('registry.history.member')}</th>
            <th scope="col" className="numeric">
              {t('home.stats.submissions')}
            </th>
            <th scope="col" className="numeric">
              {t('home.stats.rowsAccepted')}
            </th>
            <th scope="col" className="numeric">
              {t('home.stats.rowsRejected')}
            </th>
            <th scope="col" className="numeric">
              {t('home.stats.acceptance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.map(({ member, totals }) => (
            <tr key={member.memberId}>
              <td>{member.memberName}</td>
              <td className="numeric">{f.integer(totals.submissions)}</td>
              <td className="numeric">{f.integer(totals.rowsAccepted)}</td>
              <td className="numeric">{f.integer(totals.rowsRejected)}</td>
              <td className="numeric">{f.percent(totals.acceptance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
