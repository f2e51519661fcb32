import { useTranslation } from 'react-i18next';

export function RegulatorHome() {
  const { t } = useTranslation();
  return (
    <section className="card card--feature" aria-labelledby="regulator-title">
      <h2 id="regulator-title" className="card__title">
        {t('home.regulator.title')}
      </h2>
      <p className="card__description">{t('home.regulator.description')}</p>
    </section>
  );
}
