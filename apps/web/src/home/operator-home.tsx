import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../i18n';
import { getQuality, listEnterprises, listSubmissions } from '../registry/registry.api';
import { ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { RecentSubmissions } from './recent-submissions';
import { StatTiles } from './stat-tiles';
import { qualityTotals } from './summary';

export function OperatorHome() {
  const { t } = useTranslation();
  const f = useFormat();
  const quality = useAsync((signal) => getQuality(signal), []);
  const enterprises = useAsync((signal) => listEnterprises({ q: '', limit: 1, offset: 0 }, signal), []);
  const recent = useAsync((signal) => listSubmissions({ limit: 6, offset: 0 }, signal), []);

  const members = quality.data?.members ?? [];
  const totals = qualityTotals(members);
  const ranked = members
    .map((member) => ({ member, totals: qualityTotals([member]) }))
    .sort((a, b) => (a.totals.acceptance ?? 1) - (b.totals.acceptance ?? 1));

  return (
    <>
      <section className="card" aria-labelledby="registry-totals">
        <h2 id="registry-totals" className="card__title">
          {t('home.operator.totals')}
        </h2>
        {quality.error ? (
          <ErrorState error={quality.error} onRetry={quality.reload} compact />
        ) : !quality.data ? (
          <LoadingState />
        ) : (
          <StatTiles
            label={t('home.operator.totals')}
            tiles={[
              {
                label: t('home.operator.enterprises'),
                value: enterprises.data ? f.integer(enterprises.data.total) : '—',
              },
              {
                label: t('home.operator.members'),
                value: f.integer(members.filter((member) => member.kinds.length > 0).length),
              },
              { label: t('home.stats.submissions'), value: f.integer(totals.submissions) },
              { label: t('home.stats.rowsAccepted'), value: f.integer(totals.rowsAccepted), tone: 'success' },
              { label: t('home.stats.rowsRejected'), value: f.integer(totals.rowsRejected), tone: 'danger' },
              { label: t('home.stats.acceptance'), value: f.percent(totals.acceptance) },
            ]}
          />
        )}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="recent-title">
          <div className="section-heading">
            <h2 id="recent-title" className="card__title">
              {t('home.recentSubmissions')}
            </h2>
            <Link to="/registry/submissions">{t('home.allSubmissions')}</Link>
          </div>
          <RecentSubmissions recent={recent} showMember />
        </section>

        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title" className="card__title">
            {t('home.operator.membersTitle')}
          </h2>
          <p className="card__description">{t('home.operator.membersDescription')}</p>
          {quality.data && ranked.length > 0 ? (
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
                      {t('home.stats.rowsRejected')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('home.stats.acceptance')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ranked.map(({ member, totals: memberTotals }) => (
                    <tr key={member.memberId}>
                      <td>{member.memberName}</td>
                      <td className="numeric">{f.integer(memberTotals.submissions)}</td>
                      <td className="numeric">{f.integer(memberTotals.rowsRejected)}</td>
                      <td className="numeric">{f.percent(memberTotals.acceptance)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : quality.data ? (
            <p className="muted">{t('registry.quality.empty')}</p>
          ) : null}
        </section>
      </div>
    </>
  );
}
