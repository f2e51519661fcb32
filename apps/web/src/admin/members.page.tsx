import './admin.css';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../access/session';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { createMember, listMembers, MEMBER_KINDS, type MemberKind } from './admin.api';

function NewMemberForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MemberKind>('bank');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      const member = await createMember({ name: name.trim(), kind });
      setCreated(member.name);
      setName('');
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
        {t('admin.members.newTitle')}
      </h2>
      <form className="admin-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.members.name')}</label>
          <input
            id={`${id}-name`}
            required
            minLength={2}
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('admin.members.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value as MemberKind)}
          >
            {MEMBER_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`memberKind.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? t('admin.saving') : t('admin.members.create')}
        </button>
      </form>
      {created ? (
        <p className="notice notice--info" role="status">
          {t('admin.members.created', { name: created })}
        </p>
      ) : null}
      {error ? <ErrorState error={error} compact /> : null}
    </section>
  );
}

/** Member institutions with their user counts; the operator admits new ones. */
export default function MembersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const { data, error, isLoading, reload } = useAsync((signal) => listMembers(signal), []);
  return (
    <div className="admin-stack">
      <PageHeader title={t('admin.members.title')} description={t('admin.members.description')} />
      <section className="card" aria-label={t('admin.members.title')}>
        {isLoading && !data ? (
          <LoadingState />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.length === 0 ? (
          <EmptyState title={t('admin.members.empty')} />
        ) : (
          <DataTable
            caption={t('admin.members.title')}
            rows={data}
            rowKey={(member) => member.id}
            columns={[
              { key: 'name', header: t('admin.members.name'), cell: (m) => <DataText>{m.name}</DataText> },
              { key: 'kind', header: t('admin.members.kind'), cell: (m) => t(`memberKind.${m.kind}`) },
              {
                key: 'users',
                header: t('admin.members.users'),
                numeric: true,
                cell: (m) => <Link to={`/admin/users?member=${m.id}`}>{f.integer(m.userCount)}</Link>,
              },
              {
                key: 'state',
                header: t('admin.members.state'),
                cell: (m) => (m.isActive ? t('admin.members.active') : t('admin.members.inactive')),
              },
              {
                key: 'created',
                header: t('admin.created'),
                cell: (m) => f.date(m.createdAt),
                className: 'nowrap',
              },
            ]}
          />
        )}
      </section>
      {can('admin.members.create') ? <NewMemberForm onCreated={reload} /> : null}
    </div>
  );
}
