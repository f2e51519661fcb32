import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title, so screen readers and history entries name the page. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

export function PageHeader({
  title,
  description,
  actions,
  breadcrumb,
  isTitleData,
}: {
  title: string;
  /** The title is data (an enterprise's name): kept as written in every language. */
  isTitleData?: boolean;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumb?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      {breadcrumb ? <div className="page-header__breadcrumb">{breadcrumb}</div> : null}
      <div className="page-header__row">
        <div>
          <h1 className="page-header__title" translate={isTitleData ? 'no' : undefined}>
            {title}
          </h1>
          {description ? <p className="page-header__description">{description}</p> : null}
        </div>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
    </header>
  );
}
