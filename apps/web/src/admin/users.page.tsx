import './admin.css';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../access/session';
import type { Role } from '../api/types';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import {
  type AdminMember,
  type AdminUser,
  createUser,
  ENTERPRISE_ROLES,
  listMembers,
  listUsers,
  MEMBER_STAFF_ROLES,
  ROLES,
  updateUser,
} from './admin.api';

function useGrantableRoles(): readonly Role[] {
  const user = useUser();
  return user.role === 'operator' ? ROLES : MEMBER_STAFF_ROLES;
}

function NewUserForm({ members, onCreated }: { members: AdminMember[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const user = useUser();
  const roles = useGrantableRoles();
  const isOperator = user.role === 'operator';
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const [enterpriseId, setEnterpriseId] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const needsEnterprise = ENTERPRISE_ROLES.includes(role);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      const saved = await createUser({
        login: login.trim(),
        displayName: displayName.trim(),
        password,
        role,
        ...(isOperator && !needsEnterprise ? { memberId: memberId || null } : {}),
        // Empty: the account starts unbound and its user asks for the binding by credit code.
        ...(needsEnterprise ? { enterpriseId: enterpriseId.trim() || null } : {}),
      });
      setCreated(saved.login);
      setLogin('');
      setDisplayName('');
      setPassword('');
      onCreated();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {t('admin.users.newTitle')}
      </h2>
      <form className="admin-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-login`}>{t('admin.users.login')}</label>
          <input
            id={`${id}-login`}
            required
            minLength={3}
            maxLength={100}
            pattern="[a-zA-Z0-9._@\-]+"
            autoComplete="off"
            aria-describedby={`${id}-login-hint`}
            value={login}
            onChange={(event) => setLogin(event.target.value)}
          />
          <p className="field__hint" id={`${id}-login-hint`}>
            {t('admin.users.loginHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.users.displayName')}</label>
          <input
            id={`${id}-name`}
            required
            maxLength={200}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('admin.users.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <p className="field__hint" id={`${id}-password-hint`}>
            {t('admin.users.passwordHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('admin.users.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {isOperator && !needsEnterprise ? (
          <div className="field">
            <label htmlFor={`${id}-member`}>{t('admin.users.member')}</label>
            <select
              id={`${id}-member`}
              value={memberId}
              onChange={(event) => setMemberId(event.target.value)}
            >
              <option value="">{t('admin.users.noMember')}</option>
              {members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {needsEnterprise ? (
          <div className="field">
            <label htmlFor={`${id}-enterprise`}>{t('admin.users.enterprise')}</label>
            <input
              id={`${id}-enterprise`}
              value={enterpriseId}
              onChange={(event) => setEnterpriseId(event.target.value)}
              aria-describedby={`${id}-enterprise-hint`}
            />
            <p className="field__hint" id={`${id}-enterprise-hint`}>
              {t('admin.users.enterpriseHint')}
            </p>
          </div>
        ) : null}
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? t('admin.saving') : t('admin.users.create')}
        </button>
      </form>
      {created ? (
        <p className="notice notice--info" role="status">
          {t('admin.users.created', { login: created })}
        </p>
      ) : null}
      {error ? <ErrorState error={error} compact /> : null}
    </section>
  );
}

/** A user's role picker and disable/enable button; one's own row is read-only. */
function UserActions({ user, onChanged }: { user: AdminUser; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const grantable = useGrantableRoles();
  const id = useId();
  const [role, setRole] = useState<Role>(user.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (user.id === me.id) return <span>{t('admin.users.you')}</span>;
  const isEnterprise = ENTERPRISE_ROLES.includes(user.role);
  const choices = grantable.filter((value) => ENTERPRISE_ROLES.includes(value) === isEnterprise);
  const mayManage = grantable.includes(user.role);
  if (!mayManage) return <span>{t('admin.users.notYours')}</span>;

  async function change(body: { role?: Role; disabled?: boolean }) {
    setBusy(true);
    setError(null);
    try {
      await updateUser(user.id, body);
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="admin-inline">
      <label className="visually-hidden" htmlFor={`${id}-role`}>
        {t('admin.users.roleOf', { login: user.login })}
      </label>
      <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {choices.map((value) => (
          <option key={value} value={value}>
            {t(`role.${value}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy || role === user.role}
        onClick={() => void change({ role })}
      >
        {t('admin.users.changeRole')}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={busy}
        aria-label={t(user.disabledAt ? 'admin.users.enableLabel' : 'admin.users.disableLabel', {
          login: user.login,
        })}
        onClick={() => void change({ disabled: !user.disabledAt })}
      >
        {user.disabledAt ? t('admin.users.enable') : t('admin.users.disable')}
      </button>
      {error ? <ErrorState error={error} compact /> : null}
    </div>
  );
}

/** Users of every member (operator) or of one's own member (member admin): create, roles, disable. */
export default function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useUser();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const memberFilter = me.role === 'operator' ? (params.get('member') ?? '') : '';
  const members = useAsync((signal) => listMembers(signal), []);
  const users = useAsync((signal) => listUsers(memberFilter || null, signal), [memberFilter]);

  return (
    <div className="admin-stack">
      <PageHeader title={t('admin.users.title')} description={t('admin.users.description')} />
      <section className="card" aria-label={t('admin.users.title')}>
        {me.role === 'operator' && members.data ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-filter`}>{t('admin.users.filter')}</label>
            <select
              id={`${id}-filter`}
              value={memberFilter}
              onChange={(event) => setParams(event.target.value ? { member: event.target.value } : {})}
            >
              <option value="">{t('admin.users.allMembers')}</option>
              {members.data.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {users.isLoading && !users.data ? (
          <LoadingState />
        ) : users.error ? (
          <ErrorState error={users.error} onRetry={users.reload} />
        ) : !users.data || users.data.length === 0 ? (
          <EmptyState title={t('admin.users.empty')} />
        ) : (
          <DataTable
            caption={t('admin.users.title')}
            rows={users.data}
            rowKey={(user) => user.id}
            columns={[
              { key: 'login', header: t('admin.users.login'), cell: (u) => <DataText>{u.login}</DataText> },
              {
                key: 'name',
                header: t('admin.users.displayName'),
                cell: (u) => <DataText>{u.displayName}</DataText>,
              },
              { key: 'role', header: t('admin.users.role'), cell: (u) => t(`role.${u.role}`) },
              {
                key: 'member',
                header: t('admin.users.member'),
                cell: (u) => (u.memberName ? <DataText>{u.memberName}</DataText> : '—'),
              },
              {
                key: 'state',
                header: t('admin.users.state'),
                cell: (u) =>
                  u.disabledAt ? (
                    <Badge tone="danger">{t('admin.users.disabled')}</Badge>
                  ) : (
                    <Badge tone="success">{t('admin.users.active')}</Badge>
                  ),
              },
              {
                key: 'created',
                header: t('admin.created'),
                cell: (u) => f.date(u.createdAt),
                className: 'nowrap',
              },
              {
                key: 'actions',
                header: t('admin.actions'),
                cell: (u) => <UserActions key={`${u.id}-${u.role}`} user={u} onChanged={users.reload} />,
              },
            ]}
          />
        )}
      </section>
      {members.data ? <NewUserForm members={members.data} onCreated={users.reload} /> : null}
      {members.error ? <ErrorState error={members.error} onRetry={members.reload} compact /> : null}
    </div>
  );
}
