import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../access/session';
import { DataText } from '../ui/data-text';

const OWN_PAGES = [
  { to: '/my/credit', label: 'enterprise.nav.credit', hint: 'enterprise.home.credit' },
  { to: '/my/report', label: 'enterprise.nav.report', hint: 'enterprise.home.report' },
  { to: '/my/data', label: 'enterprise.nav.data', hint: 'enterprise.home.data' },
  { to: '/my/consents', label: 'enterprise.nav.consents', hint: 'enterprise.home.consents' },
  { to: '/my/access-log', label: 'enterprise.nav.accessLog', hint: 'enterprise.home.accessLog' },
  { to: '/my/disputes', label: 'enterprise.nav.disputes', hint: 'enterprise.home.disputes' },
] as const;

export function EnterpriseHome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section className="card card--feature" aria-labelledby="own-enterprise">
      <h2 id="own-enterprise" className="card__title">
        {user.enterpriseName ? <DataText>{user.enterpriseName}</DataText> : t('home.enterprise.title')}
      </h2>
      <p className="card__description">{t('enterprise.home.description')}</p>
      <ul className="own-pages">
        {OWN_PAGES.map((page) => (
          <li key={page.to}>
            <Link to={page.to}>{t(page.label)}</Link>
            <span className="muted"> — {t(page.hint)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
