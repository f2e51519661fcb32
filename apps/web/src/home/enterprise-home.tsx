import { useTranslation } from 'react-i18next';
import { useUser } from '../access/session';

export function EnterpriseHome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section className="card card--feature" aria-labelledby="own-enterprise">
      <h2 id="own-enterprise" className="card__title">
        {user.enterpriseName ?? t('home.enterprise.title')}
      </h2>
      <p className="card__description">
        {t('home.enterprise.description', { enterprise: user.enterpriseName ?? t('home.enterprise.title') })}
      </p>
    </section>
  );
}
