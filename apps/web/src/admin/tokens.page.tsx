import './admin.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { ErrorState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { useSubmit } from '../ui/use-submit';
import {
  type ApiToken,
  createToken,
  listTokens,
  revokeToken,
  TOKEN_SCOPES,
  type TokenScope,
} from './admin.api';
import { AdminFormCard, Field } from './admin-form';
import { AdminList } from './admin-list';

const EXPIRY_DAYS = [7, 30, 90, 180, 366] as const;

/** The secret, shown once: only its hash is stored, so it cannot be shown again. */
function NewSecret({ secret, expiresAt, onDone }: { secret: string; expiresAt: string; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="admin-secret" role="status">
      <p>
        <strong>{t('admin.tokens.secretTitle')}</strong>{' '}
        {t('admin.tokens.secretBody', { at: f.dateTime(expiresAt) })}
      </p>
      <label className="visually-hidden" htmlFor={id}>
        {t('admin.tokens.secretLabel')}
      </label>
      <input
        id={id}
        className="admin-secret__value"
        readOnly
        value={secret}
        onFocus={(event) => event.target.select()}
      />
      <div className="admin-inline">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onDone}>
          {t('admin.tokens.secretDone')}
        </button>
      </div>
    </div>
  );
}

function NewTokenForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(90);
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [secret, setSecret] = useState<{ token: string; expiresAt: string } | null>(null);

  function toggle(scope: TokenScope, isOn: boolean) {
    setScopes((current) => (isOn ? [...current, scope] : current.filter((value) => value !== scope)));
  }

  async function create() {
    const created = await createToken({ name: name.trim(), expiresInDays: days, scopes });
    setSecret(created);
    setName('');
    setScopes([]);
    onCreated();
  }

  return (
    <AdminFormCard
      id={id}
      title={t('admin.tokens.newTitle')}
      submitLabel={t('admin.tokens.create')}
      action={create}
      intro={
        <>
          <p className="card__description">{t('admin.tokens.newDescription')}</p>
          {secret ? (
            <NewSecret secret={secret.token} expiresAt={secret.expiresAt} onDone={() => setSecret(null)} />
          ) : null}
        </>
      }
    >
      <Field id={`${id}-name`} label={t('admin.tokens.name')}>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field id={`${id}-days`} label={t('admin.tokens.expiry')}>
        <select id={`${id}-days`} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {EXPIRY_DAYS.map((value) => (
            <option key={value} value={value}>
              {t('admin.tokens.days', { count: value })}
            </option>
          ))}
        </select>
      </Field>
      <fieldset aria-describedby={`${id}-scopes-hint`}>
        <legend>{t('admin.tokens.scopes')}</legend>
        {TOKEN_SCOPES.map((scope) => (
          <label key={scope} className="admin-check">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            {t(`admin.tokens.scope.${scope.replace(':', '_') as 'access_read'}`)}
          </label>
        ))}
        <p className="field__hint" id={`${id}-scopes-hint`}>
          {t('admin.tokens.scopesHint')}
        </p>
      </fieldset>
    </AdminFormCard>
  );
}

function TokenState({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt) return <Badge tone="neutral">{t('admin.tokens.revoked')}</Badge>;
  if (token.expiresAt && token.expiresAt < new Date().toISOString())
    return <Badge tone="warning">{t('admin.tokens.expired')}</Badge>;
  return <Badge tone="success">{t('admin.tokens.active')}</Badge>;
}

/** One's own API tokens: scopes, expiry, last use; create one (secret shown once) or revoke it. */
export default function TokensPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const tokens = useAsync((signal) => listTokens(signal), []);
  const { error: revokeError, run } = useSubmit();

  function revoke(token: ApiToken) {
    return run(async () => {
      await revokeToken(token.id);
      tokens.reload();
    });
  }

  return (
    <div className="admin-stack">
      <PageHeader title={t('admin.tokens.title')} description={t('admin.tokens.description')} />
      <NewTokenForm onCreated={tokens.reload} />
      <section className="card" aria-label={t('admin.tokens.listTitle')}>
        <h2 className="card__title">{t('admin.tokens.listTitle')}</h2>
        {revokeError ? <ErrorState error={revokeError} compact /> : null}
        <AdminList list={tokens} empty={t('admin.tokens.empty')}>
          {(rows) => (
            <DataTable
              caption={t('admin.tokens.listTitle')}
              rows={rows}
              rowKey={(token) => token.id}
              columns={[
                { key: 'name', header: t('admin.tokens.name'), cell: (k) => <DataText>{k.name}</DataText> },
                {
                  key: 'scopes',
                  header: t('admin.tokens.scopes'),
                  cell: (k) =>
                    k.scopes.length === 0
                      ? t('admin.tokens.fullRights')
                      : k.scopes
                          .map((scope) => t(`admin.tokens.scope.${scope.replace(':', '_') as 'access_read'}`))
                          .join(', '),
                },
                { key: 'state', header: t('admin.tokens.state'), cell: (k) => <TokenState token={k} /> },
                {
                  key: 'expires',
                  header: t('admin.tokens.expires'),
                  cell: (k) => f.date(k.expiresAt),
                  className: 'nowrap',
                },
                {
                  key: 'used',
                  header: t('admin.tokens.lastUsed'),
                  cell: (k) => f.dateTime(k.lastUsedAt),
                  className: 'nowrap',
                },
                {
                  key: 'created',
                  header: t('admin.created'),
                  cell: (k) => f.dateTime(k.createdAt),
                  className: 'nowrap',
                },
                {
                  key: 'actions',
                  header: t('admin.actions'),
                  cell: (k) =>
                    k.revokedAt ? null : (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={t('admin.tokens.revokeLabel', { name: k.name })}
                        onClick={() => void revoke(k)}
                      >
                        {t('admin.tokens.revoke')}
                      </button>
                    ),
                },
              ]}
            />
          )}
        </AdminList>
      </section>
    </div>
  );
}
