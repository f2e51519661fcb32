import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useDocumentTitle } from '../ui/page-header';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="centered-message">
      <p className="centered-message__code" aria-hidden="true">
        404
      </p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: location.pathname })}</p>
      <Link className="button button--primary" to="/">
        {t('common.backHome')}
      </Link>
    </section>
  );
}
