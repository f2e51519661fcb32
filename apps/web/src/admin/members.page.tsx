import './admin.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../access/session';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { useAsync } from '../ui/use-async';
import { createMember, listMembers, MEMBER_KINDS, type MemberKind } from './admin.api';
import { AdminFormCard, Field } from './admin-form';
import { AdminList } from './admin-list';

function NewMemberForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MemberKind>('bank');
  const [created, setCreated] = useState<string | null>(null);

  async function create() {
    const member = await createMember({ name: name.trim(), kind });
    setCreated(member.name);
    setName('');
    onCreated();
  }

  return (
    <AdminFormCard
      id={id}
      title={t('admin.members.newTitle')}
      submitLabel={t('admin.members.create')}
      action={create}
      notice={created ? t('admin.members.created', { name: created }) : null}
    >
      <Field id={`${id}-name`} label={t('admin.members.name')}>
        <input
          id={`${id}-name`}
          required
          minLength={2}
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field id={`${id}-kind`} label={t('admin.members.kind')}>
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
      </Field>
    </AdminFormCard>
  );
}

/** Member institutions with their user counts; the operator admits new ones. */
export default function MembersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const members = useAsync((signal) => listMembers(signal), []);
  return (
    <div className="admin-stack">
      <PageHeader title={t('admin.members.title')} description={t('admin.members.description')} />
      <section className="card" aria-label={t('admin.members.title')}>
        <AdminList list={members} empty={t('admin.members.empty')}>
          {(rows) => (
            <DataTable
              caption={t('admin.members.title')}
              rows={rows}
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
        </AdminList>
      </section>
      {can('admin.members.create') ? <NewMemberForm onCreated={members.reload} /> : null}
    </div>
  );
}
