import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getQuality, listEnterprises, listSubmissions } from '../registry/registry.api';
import { useAsync } from '../ui/use-async';
import { RecentSubmissions } from './recent-submissions';
import { MemberQualityTable, RegistryTotals } from './registry-figures';

export function OperatorHome() {
  const { t } = useTranslation();
  const quality = useAsync((signal) => getQuality(signal), []);
  const enterprises = useAsync((signal) => listEnterprises({ q: '', limit: 1, offset: 0 }, signal), []);
  const recent = useAsync((signal) => listSubmissions({ limit: 6, offset: 0 }, signal), []);
  return (
    <>
      <section className="card" aria-labelledby="registry-totals">
        <h2 id="registry-totals" className="card__title">
          {t('home.operator.totals')}
        </h2>
        <RegistryTotals quality={quality} enterprises={enterprises} />
      </section>
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
        <MemberQualityTable quality={quality} />
      </section>
    </>
  );
}
