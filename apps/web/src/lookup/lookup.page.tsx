import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isPurpose, PURPOSES, type Purpose } from '../credit/credit.api';
import { useFormat } from '../i18n';
import { listEnterprises } from '../registry/registry.api';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { Icon } from '../ui/icon';
import { PageHeader } from '../ui/page-header';
import { Pagination } from '../ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';

const PAGE_SIZE = 20;

/**
 * Enterprise look-up for member staff: find an enterprise (registration data only), then open it for a
 * stated purpose. Opening is an identified read: the purpose goes with it and the attempt is logged.
 */
export default function LookupPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const purposeParam = params.get('purpose');
  const purpose: Purpose = isPurpose(purposeParam) ? purposeParam : 'credit_assessment';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const [draft, setDraft] = useState(q);
  const [draftPurpose, setDraftPurpose] = useState<Purpose>(purpose);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => setDraftPurpose(purpose), [purpose]);

  const result = useAsync(
    (signal) => (q ? listEnterprises({ q, limit: PAGE_SIZE, offset }, signal) : Promise.resolve(null)),
    [q, offset],
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
    next.set('purpose', draftPurpose);
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
      <PageHeader title={t('lookup.title')} description={t('lookup.description')} />
      <section className="card">
        <search>
          <form className="lookup-form" onSubmit={search}>
            <div className="field">
              <label htmlFor={`${id}-q`}>{t('lookup.searchLabel')}</label>
              <input
                id={`${id}-q`}
                type="search"
                value={draft}
                placeholder={t('lookup.searchPlaceholder')}
                onChange={(event) => setDraft(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-purpose`}>{t('lookup.purpose')}</label>
              <select
                id={`${id}-purpose`}
                value={draftPurpose}
                onChange={(event) => setDraftPurpose(event.target.value as Purpose)}
                aria-describedby={`${id}-purpose-hint`}
              >
                {PURPOSES.map((item) => (
                  <option key={item} value={item}>
                    {t(`consent.purposes.${item}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--primary">
              <Icon name="search" size={16} />
              {t('lookup.search')}
            </button>
          </form>
          <p className="field__hint lookup-hint" id={`${id}-purpose-hint`}>
            {t('lookup.purposeHint')}
          </p>
        </search>

        {!q ? (
          <EmptyState title={t('lookup.start')}>{t('lookup.startHint')}</EmptyState>
        ) : error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : data === undefined ? (
          <LoadingState />
        ) : !data || data.total === 0 ? (
          <EmptyState title={t('lookup.noMatch', { q })} />
        ) : (
          <div aria-busy={isLoading}>
            <p className="muted" aria-live="polite">
              {t('lookup.results', { total: f.integer(data.total), q })}
            </p>
            <DataTable
              caption={t('lookup.title')}
              rows={data.items}
              rowKey={(enterprise) => enterprise.id}
              columns={[
                {
                  key: 'name',
                  header: t('registry.enterprise.name'),
                  cell: (enterprise) => (
                    <Link
                      to={`/lookup/${encodeURIComponent(enterprise.creditCode)}?purpose=${encodeURIComponent(purpose)}`}
                    >
                      <DataText>{enterprise.name ?? t('registry.enterprise.unnamed')}</DataText>
                    </Link>
                  ),
                },
                {
                  key: 'code',
                  header: t('registry.enterprise.creditCode'),
                  cell: (enterprise) => <code>{enterprise.creditCode}</code>,
                },
                {
                  key: 'size',
                  header: t('registry.enterprise.sizeClass'),
                  cell: (enterprise) => (enterprise.sizeClass ? t(`sizeClass.${enterprise.sizeClass}`) : '—'),
                },
                {
                  key: 'province',
                  header: t('registry.enterprise.province'),
                  cell: (enterprise) =>
                    enterprise.provinceName ? f.localized(enterprise.provinceName) : '—',
                },
              ]}
            />
            <Pagination
              offset={offset}
              limit={PAGE_SIZE}
              total={data.total}
              onChange={goTo}
              label={t('lookup.pagination')}
            />
          </div>
        )}
      </section>
    </>
  );
}
