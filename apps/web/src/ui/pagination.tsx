import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';

type PaginationProps = {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
};

export function Pagination({ offset, limit, total, onChange, label }: PaginationProps) {
  const { t } = useTranslation();
  const f = useFormat();
  if (total <= 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label={label}>
      <span className="pagination__summary">
        {t('common.pageRange', {
          from: f.integer(offset + 1),
          to: f.integer(Math.min(offset + limit, total)),
          total: f.integer(total),
        })}
      </span>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={page <= 1}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          {t('common.previous')}
        </button>
        <span className="pagination__page" aria-current="page">
          {t('common.pageOf', { page: f.integer(page), pages: f.integer(pages) })}
        </span>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={page >= pages}
          onClick={() => onChange(offset + limit)}
        >
          {t('common.next')}
        </button>
      </div>
    </nav>
  );
}
