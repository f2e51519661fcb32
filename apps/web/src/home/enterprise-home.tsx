import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../access/session';
import { Icon } from '../ui/icon';

export function EnterpriseHome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section className="card card--feature" aria-labelledby="own-enterprise">
      <h2 id="own-enterprise" className="card__title">
        {user.enterpriseName ?? t('registry.myEnterprise.title')}
      </h2>
      <p className="card__description">{t('home.enterprise.description')}</p>
      <Link className="button button--primary" to="/registry/my-enterprise">
        <Icon name="building" size={16} />
        {t('home.enterprise.openRecord')}
      </Link>
    </section>
  );
}
