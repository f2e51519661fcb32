import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { Pagination } from '../ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { type AccessLogEntry, listMyAccessLog } from './consent.api';

const PAGE_SIZE = 50;

/** Who looked: every read of the enterprise's identified data, allowed or refused, newest first. */
export default function AccessLogPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const log = useAsync((signal) => listMyAccessLog({ limit: PAGE_SIZE, offset }, signal), [offset]);
  const { data, error, isLoading, reload } = log;

  const who = (entry: AccessLogEntry) =>
    entry.basis === 'enterprise' ? (
      t('accessLog.yourself')
    ) : entry.actorMemberName ? (
      <DataText>{entry.actorMemberName}</DataText>
    ) : (
      t('accessLog.unknownMember')
    );

  return (
    <>
      <PageHeader title={t('accessLog.title')} description={t('accessLog.description')} />
      <section className="card">
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.total === 0 ? (
          <EmptyState title={t('accessLog.empty')} />
        ) : (
          <div aria-busy={isLoading}>
            <p className="muted">{t('accessLog.summary', { total: f.integer(data.total) })}</p>
            <DataTable
              caption={t('accessLog.title')}
              rows={data.items}
              rowKey={(entry) => entry.id}
              rowClassName={(entry) => (entry.outcome === 'refused' ? 'row--refused' : undefined)}
              columns={[
                {
                  key: 'at',
                  header: t('accessLog.columns.at'),
                  cell: (entry) => f.dateTime(entry.at),
                  className: 'nowrap',
                },
                {
                  key: 'who',
                  header: t('accessLog.columns.who'),
                  cell: (entry) => (
                    <>
                      {who(entry)}
                      <span className="cell-sub">
                        {t(`role.${entry.actorRole}` as 'role.analyst', { defaultValue: entry.actorRole })}
                      </span>
                    </>
                  ),
                },
                {
                  key: 'purpose',
                  header: t('accessLog.columns.purpose'),
                  cell: (entry) => t(`consent.purposes.${entry.purpose}`),
                },
                {
                  key: 'scope',
                  header: t('accessLog.columns.scope'),
                  cell: (entry) => t(`consent.scopes.${entry.scope}`),
                },
                {
                  key: 'outcome',
                  header: t('accessLog.columns.outcome'),
                  cell: (entry) =>
                    entry.outcome === 'allowed' ? (
                      <>
                        <Badge tone="success">{t('accessLog.allowed')}</Badge>
                        {entry.basis ? (
                          <span className="cell-sub">{t(`accessLog.basis.${entry.basis}`)}</span>
                        ) : null}
                      </>
                    ) : (
                      <>
                        <Badge tone="danger">{t('accessLog.refused')}</Badge>
                        <span className="cell-sub">
                          {t(
                            `accessLog.refusal.${entry.refusalReason ?? 'other'}` as 'accessLog.refusal.other',
                            {
                              defaultValue: t('accessLog.refusal.other'),
                            },
                          )}
                        </span>
                      </>
                    ),
                },
              ]}
            />
            <Pagination
              offset={offset}
              limit={PAGE_SIZE}
              total={data.total}
              onChange={setOffset}
              label={t('accessLog.pagination')}
            />
          </div>
        )}
      </section>
    </>
  );
}
