import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useFormat } from '../../i18n';
import { Icon } from '../../ui/icon';
import { PageHeader } from '../../ui/page-header';
import { Pagination } from '../../ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Badge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { industryGroupLabel } from '../labels';
import { listEnterprises } from '../registry.api';

const PAGE_SIZE = 25;

export default function EnterprisesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  // The query lives in the address, so a search can be bookmarked and Back returns to it.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const result = useAsync((signal) => listEnterprises({ q, limit: PAGE_SIZE, offset }, signal), [q, offset]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
    setParams(next);
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    else next.delete('offset');
    setParams(next);
  }

  const { data, error, isLoading, reload } = result;

  return (
    <>
      <PageHeader
        title={t('registry.enterprises.title')}
        description={t('registry.enterprises.description')}
      />
      <section className="card">
        <search>
          <form className="search" onSubmit={search}>
            <label htmlFor={`${id}-q`} className="visually-hidden">
              {t('registry.enterprises.searchLabel')}
            </label>
            <input
              id={`${id}-q`}
              type="search"
              value={draft}
              placeholder={t('registry.enterprises.searchPlaceholder')}
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" className="button button--primary">
              <Icon name="search" size={16} />
              {t('registry.enterprises.search')}
            </button>
          </form>
        </search>

        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.total === 0 ? (
          <EmptyState title={q ? t('registry.enterprises.noMatch', { q }) : t('registry.enterprises.empty')}>
            {q ? t('registry.enterprises.noMatchHint') : t('registry.enterprises.emptyHint')}
          </EmptyState>
        ) : (
          <div aria-busy={isLoading}>
            {error ? <ErrorState error={error} onRetry={reload} compact /> : null}
            <p className="muted" aria-live="polite">
              {q
                ? t('registry.enterprises.resultsFor', { total: f.integer(data.total), q })
                : t('registry.enterprises.results', { total: f.integer(data.total) })}
            </p>
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">{t('registry.enterprises.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('registry.enterprise.name')}</th>
                    <th scope="col">{t('registry.enterprise.creditCode')}</th>
                    <th scope="col">{t('registry.enterprise.industry')}</th>
                    <th scope="col">{t('registry.enterprise.sizeClass')}</th>
                    <th scope="col">{t('registry.enterprise.province')}</th>
                    <th scope="col" className="numeric">
                      {t('registry.enterprise.sources')}
                    </th>
                    <th scope="col">{t('registry.enterprise.consistency')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((enterprise) => (
                    <tr key={enterprise.id}>
                      <td>
                        <Link to={`/registry/enterprises/${encodeURIComponent(enterprise.creditCode)}`}>
                          {enterprise.name ?? t('registry.enterprise.unnamed')}
                        </Link>
                      </td>
                      <td>
                        <code>{enterprise.creditCode}</code>
                      </td>
                      <td>
                        {enterprise.industryGroup ? industryGroupLabel(t, enterprise.industryGroup) : '—'}
                        {enterprise.industryCode ? (
                          <span className="cell-sub">{enterprise.industryCode}</span>
                        ) : null}
                      </td>
                      <td>{enterprise.sizeClass ? t(`sizeClass.${enterprise.sizeClass}`) : '—'}</td>
                      <td>{enterprise.provinceName ? f.localized(enterprise.provinceName) : '—'}</td>
                      <td className="numeric">{f.integer(enterprise.sourceCount)}</td>
                      <td>
                        {enterprise.hasConflicts ? (
                          <Badge tone="warning">{t('registry.enterprise.conflicts')}</Badge>
                        ) : (
                          <Badge tone="success">{t('registry.enterprise.consistent')}</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              offset={offset}
              limit={PAGE_SIZE}
              total={data.total}
              onChange={goTo}
              label={t('registry.enterprises.pagination')}
            />
          </div>
        )}
      </section>
    </>
  );
}
