import './admin.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { type BindingRequest, decideBinding, listPendingBindings } from './admin.api';

/**
 * Pending requests of enterprise users to be bound to their enterprise. The operator decides all of them;
 * a member admin or credit officer those of enterprises its member submitted data about (know-your-customer).
 */
export default function BindingsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error, isLoading, reload } = useAsync((signal) => listPendingBindings(signal), []);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function decide(request: BindingRequest, decision: 'verified' | 'rejected') {
    setBusyId(request.id);
    setFailure(null);
    setNotice(null);
    try {
      await decideBinding(request.id, decision);
      setNotice(
        t(decision === 'verified' ? 'admin.bindings.verified' : 'admin.bindings.rejected', {
          user: request.userDisplayName,
          enterprise: request.enterpriseName ?? request.enterpriseCreditCode ?? request.enterpriseId,
        }),
      );
      reload();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="admin-stack">
      <PageHeader title={t('admin.bindings.title')} description={t('admin.bindings.description')} />
      {notice ? (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      ) : null}
      {failure ? <ErrorState error={failure} compact /> : null}
      <section className="card" aria-label={t('admin.bindings.title')}>
        {isLoading && !data ? (
          <LoadingState />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.length === 0 ? (
          <EmptyState title={t('admin.bindings.empty')} />
        ) : (
          <DataTable
            caption={t('admin.bindings.title')}
            rows={data}
            rowKey={(request) => request.id}
            columns={[
              {
                key: 'user',
                header: t('admin.bindings.user'),
                cell: (r) => (
                  <>
                    <DataText>{r.userDisplayName}</DataText> <span className="muted">{r.userLogin}</span>
                  </>
                ),
              },
              { key: 'role', header: t('admin.bindings.role'), cell: (r) => t(`role.${r.userRole}`) },
              {
                key: 'enterprise',
                header: t('admin.bindings.enterprise'),
                cell: (r) => (
                  <>
                    <DataText>{r.enterpriseName ?? '—'}</DataText>{' '}
                    <span className="muted" translate="no">
                      {r.enterpriseCreditCode}
                    </span>
                  </>
                ),
              },
              {
                key: 'requested',
                header: t('admin.bindings.requestedAt'),
                cell: (r) => f.dateTime(r.requestedAt),
                className: 'nowrap',
              },
              {
                key: 'actions',
                header: t('admin.actions'),
                cell: (r) => (
                  <span className="nowrap">
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={busyId !== null}
                      aria-label={t('admin.bindings.attestLabel', { user: r.userDisplayName })}
                      onClick={() => decide(r, 'verified')}
                    >
                      {t('admin.bindings.attest')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busyId !== null}
                      aria-label={t('admin.bindings.rejectLabel', { user: r.userDisplayName })}
                      onClick={() => decide(r, 'rejected')}
                    >
                      {t('admin.bindings.reject')}
                    </button>
                  </span>
                ),
              },
            ]}
          />
        )}
      </section>
    </div>
  );
}
