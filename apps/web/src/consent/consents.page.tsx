import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { Pagination } from '../ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { type Consent, type ConsentStatus, listConsents, revokeConsent } from './consent.api';
import { ConsentForm } from './consent-form';
import { useMemberDirectory } from './member-directory';

const PAGE_SIZE = 25;
const TONE: Record<ConsentStatus, 'success' | 'warning' | 'danger' | 'neutral' | 'info'> = {
  active: 'success',
  pending: 'info',
  expired: 'neutral',
  exhausted: 'warning',
  revoked: 'danger',
};

function RevokeButton({ consent, onRevoked }: { consent: Consent; onRevoked: () => void }) {
  const { t } = useTranslation();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The Revoke button is replaced by the question: keep the keyboard focus on the answer.
  useEffect(() => {
    if (isConfirming) confirmButton.current?.focus();
  }, [isConfirming]);
  if (consent.status !== 'active' && consent.status !== 'pending') return null;
  if (!isConfirming) {
    return (
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setIsConfirming(true)}
      >
        {t('consent.revoke.action')}
      </button>
    );
  }
  async function revoke() {
    setIsSending(true);
    setFailure(null);
    try {
      await revokeConsent(consent.id);
      onRevoked();
    } catch (error) {
      setFailure(error);
      setIsSending(false);
    }
  }
  return (
    <fieldset className="confirm" aria-label={t('consent.revoke.confirmLabel')}>
      <p>{t('consent.revoke.question', { member: consent.memberName })}</p>
      <div className="confirm__buttons">
        <button
          ref={confirmButton}
          type="button"
          className="button button--danger button--small"
          onClick={revoke}
          disabled={isSending}
        >
          {t('consent.revoke.confirm')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setIsConfirming(false)}
          disabled={isSending}
        >
          {t('common.cancel')}
        </button>
      </div>
      {failure ? <ErrorState error={failure} compact /> : null}
    </fieldset>
  );
}

/** Who may see my data: the enterprise's consents, a form to grant one, and revocation. */
export default function ConsentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const [isGranting, setIsGranting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const consents = useAsync((signal) => listConsents({ limit: PAGE_SIZE, offset }, signal), [offset]);
  const members = useMemberDirectory();
  const { data, error, isLoading, reload } = consents;

  return (
    <>
      <PageHeader
        title={t('consent.title')}
        description={t('consent.description')}
        actions={
          <button
            type="button"
            className="button button--primary"
            aria-expanded={isGranting}
            aria-controls="grant-consent"
            onClick={() => setIsGranting((open) => !open)}
          >
            {t('consent.grant')}
          </button>
        }
      />
      {notice ? (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      ) : null}
      {isGranting ? (
        <section className="card" id="grant-consent" aria-labelledby="grant-consent-title">
          <h2 id="grant-consent-title" className="card__title">
            {t('consent.form.title')}
          </h2>
          <p className="card__description">{t('consent.form.description')}</p>
          {members.error ? (
            <ErrorState error={members.error} onRetry={members.reload} compact />
          ) : !members.data ? (
            <LoadingState />
          ) : (
            <ConsentForm
              members={members.data}
              onGranted={(consent) => {
                setIsGranting(false);
                setNotice(t('consent.granted', { member: consent.memberName }));
                setOffset(0);
                reload();
              }}
            />
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="consents-title">
        <h2 id="consents-title" className="card__title">
          {t('consent.listTitle')}
        </h2>
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.total === 0 ? (
          <EmptyState title={t('consent.empty')}>{t('consent.emptyHint')}</EmptyState>
        ) : (
          <div aria-busy={isLoading}>
            <DataTable
              caption={t('consent.listTitle')}
              rows={data.items}
              rowKey={(consent) => consent.id}
              columns={[
                {
                  key: 'member',
                  header: t('consent.columns.member'),
                  cell: (consent) => (
                    <>
                      <DataText>{consent.memberName}</DataText>
                      <span className="cell-sub">{t(`consent.purposes.${consent.purpose}`)}</span>
                    </>
                  ),
                },
                {
                  key: 'scopes',
                  header: t('consent.columns.scopes'),
                  cell: (consent) =>
                    consent.scopes
                      .map((scope) => t(`consent.scopes.${scope}`))
                      .join(t('credit.bins.separator')),
                },
                {
                  key: 'dataRange',
                  header: t('consent.columns.dataRange'),
                  cell: (consent) =>
                    t('consent.range', { from: f.date(consent.dataFrom), to: f.date(consent.dataTo) }),
                },
                {
                  key: 'validity',
                  header: t('consent.columns.validity'),
                  cell: (consent) =>
                    t('consent.range', { from: f.date(consent.validFrom), to: f.date(consent.validUntil) }),
                },
                {
                  key: 'lookups',
                  header: t('consent.columns.lookups'),
                  numeric: true,
                  cell: (consent) => (
                    <>
                      {t('consent.lookupsUsed', {
                        used: f.integer(consent.lookupsUsed),
                        max: f.integer(consent.maxLookups),
                      })}
                      {consent.frequency ? (
                        <span className="cell-sub">
                          {t(`consent.frequency.per.${consent.frequency.period}`, {
                            count: consent.frequency.limit,
                          })}
                        </span>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: 'status',
                  header: t('consent.columns.status'),
                  cell: (consent) => (
                    <>
                      <Badge tone={TONE[consent.status]}>{t(`consent.status.${consent.status}`)}</Badge>
                      {consent.revokedAt ? (
                        <span className="cell-sub">
                          {t('consent.revokedAt', { date: f.dateTime(consent.revokedAt) })}
                        </span>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: 'action',
                  header: t('consent.columns.action'),
                  cell: (consent) => (
                    <RevokeButton
                      consent={consent}
                      onRevoked={() => {
                        setNotice(t('consent.revoked', { member: consent.memberName }));
                        reload();
                      }}
                    />
                  ),
                },
              ]}
            />
            <Pagination
              offset={offset}
              limit={PAGE_SIZE}
              total={data.total}
              onChange={setOffset}
              label={t('consent.pagination')}
            />
          </div>
        )}
      </section>
    </>
  );
}
