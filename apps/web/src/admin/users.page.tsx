import './admin.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../access/session';
import type { Role } from '../api/types';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { ErrorState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { useSubmit } from '../ui/use-submit';
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
import { AdminFormCard, Field } from './admin-form';
import { AdminList } from './admin-list';

function useGrantableRoles(): readonly Role[] {
  const user = useUser();
  return user.role === 'operator' ? ROLES : MEMBER_STAFF_ROLES;
}

function MemberOptions({ members }: { members: readonly AdminMember[] }) {
  return members.map((member) => (
    <option key={member.id} value={member.id}>
      {member.name}
    </option>
  ));
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
  const [created, setCreated] = useState<string | null>(null);
  const needsEnterprise = ENTERPRISE_ROLES.includes(role);

  async function create() {
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
  }

  return (
    <AdminFormCard
      id={id}
      title={t('admin.users.newTitle')}
      submitLabel={t('admin.users.create')}
      action={create}
      notice={created ? t('admin.users.created', { login: created }) : null}
    >
      <Field id={`${id}-login`} label={t('admin.users.login')} hint={t('admin.users.loginHint')}>
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
      </Field>
      <Field id={`${id}-name`} label={t('admin.users.displayName')}>
        <input
          id={`${id}-name`}
          required
          maxLength={200}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </Field>
      <Field id={`${id}-password`} label={t('admin.users.password')} hint={t('admin.users.passwordHint')}>
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
      </Field>
      <Field id={`${id}-role`} label={t('admin.users.role')}>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {roles.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      {isOperator && !needsEnterprise ? (
        <Field id={`${id}-member`} label={t('admin.users.member')}>
          <select id={`${id}-member`} value={memberId} onChange={(event) => setMemberId(event.target.value)}>
            <option value="">{t('admin.users.noMember')}</option>
            <MemberOptions members={members} />
          </select>
        </Field>
      ) : null}
      {needsEnterprise ? (
        <Field
          id={`${id}-enterprise`}
          label={t('admin.users.enterprise')}
          hint={t('admin.users.enterpriseHint')}
        >
          <input
            id={`${id}-enterprise`}
            value={enterpriseId}
            onChange={(event) => setEnterpriseId(event.target.value)}
            aria-describedby={`${id}-enterprise-hint`}
          />
        </Field>
      ) : null}
    </AdminFormCard>
  );
}

/** A user's role picker and disable/enable button; one's own row is read-only. */
function UserActions({ user, onChanged }: { user: AdminUser; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const grantable = useGrantableRoles();
  const id = useId();
  const [role, setRole] = useState<Role>(user.role);
  const { isSaving: busy, error, run } = useSubmit();
  if (user.id === me.id) return <span>{t('admin.users.you')}</span>;
  const isEnterprise = ENTERPRISE_ROLES.includes(user.role);
  const choices = grantable.filter((value) => ENTERPRISE_ROLES.includes(value) === isEnterprise);
  const mayManage = grantable.includes(user.role);
  if (!mayManage) return <span>{t('admin.users.notYours')}</span>;

  function change(body: { role?: Role; disabled?: boolean }) {
    return run(async () => {
      await updateUser(user.id, body);
      onChanged();
    });
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
          <Field id={`${id}-filter`} label={t('admin.users.filter')} isInline>
            <select
              id={`${id}-filter`}
              value={memberFilter}
              onChange={(event) => setParams(event.target.value ? { member: event.target.value } : {})}
            >
              <option value="">{t('admin.users.allMembers')}</option>
              <MemberOptions members={members.data} />
            </select>
          </Field>
        ) : null}
        <AdminList list={users} empty={t('admin.users.empty')}>
          {(rows) => (
            <DataTable
              caption={t('admin.users.title')}
              rows={rows}
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
        </AdminList>
      </section>
      {members.data ? <NewUserForm members={members.data} onCreated={users.reload} /> : null}
      {members.error ? <ErrorState error={members.error} onRetry={members.reload} compact /> : null}
    </div>
  );
}
