import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, newMember } from '../../../../test/factories.js';
import { type HttpHarness, startHttpHarness, TEST_PASSWORD } from '../../../../test/http-harness.js';
import type { TRole } from '../access.schemas.js';

let h: HttpHarness;
let app: HttpHarness['app'];
let bank: { id: string };
let otherBank: { id: string };
const PASSWORD = TEST_PASSWORD;

const user = (key: string, role: TRole, memberId: string | null) => h.addUser(key, role, { memberId });
const call: HttpHarness['call'] = (...args) => h.call(...args);

const login = (loginName: string, password = PASSWORD) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password } });

beforeAll(async () => {
  h = await startHttpHarness({ loginPrefix: 'admin-test-' });
  app = h.app;
  bank = await newMember(app.services, 'bank', 'Admin Test Bank');
  otherBank = await newMember(app.services, 'village_bank', 'Other Village Bank');
  await user('operator', 'operator', null);
  await user('bankAdmin', 'member_admin', bank.id);
  await user('bankAnalyst', 'analyst', bank.id);
  await user('otherAdmin', 'member_admin', otherBank.id);
});

afterAll(async () => {
  await h.close();
});

describe('members', () => {
  it('lets the operator admit a member and list all with user counts; a member admin sees its own', async () => {
    const created = await call('operator', 'POST', '/access/admin/members', {
      name: '新华融资租赁有限公司',
      kind: 'leasing',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '新华融资租赁有限公司', kind: 'leasing', userCount: 0 });
    const all = (await call('operator', 'GET', '/access/admin/members')).json().items;
    expect(all.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['Admin Test Bank', 'Other Village Bank', '新华融资租赁有限公司']),
    );
    expect(all.find((m: { id: string }) => m.id === bank.id).userCount).toBe(2);
    const own = (await call('bankAdmin', 'GET', '/access/admin/members')).json().items;
    expect(own.map((m: { id: string }) => m.id)).toEqual([bank.id]);
    const refused = await call('bankAdmin', 'POST', '/access/admin/members', { name: 'Mine', kind: 'bank' });
    expect(refused.statusCode).toBe(403);
    const audit = await h.database.pool.query(
      "SELECT actor_user_id FROM audit_events WHERE action = 'access.member_created' AND entity_id = $1",
      [created.json().id],
    );
    expect(audit.rows).toEqual([{ actor_user_id: h.userIds.operator }]);
  });

  it('refuses a member without a name or with an unknown kind, naming the field', async () => {
    const response = await call('operator', 'POST', '/access/admin/members', { name: '', kind: 'casino' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('name');
    expect(response.body).toContain('kind');
  });
});

describe('users', () => {
  it('lets a member admin create staff of its own member only, with staff roles only', async () => {
    const created = await call('bankAdmin', 'POST', '/access/admin/users', {
      login: 'new.officer',
      displayName: '新信贷员',
      password: PASSWORD,
      role: 'credit_officer',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ login: 'new.officer', role: 'credit_officer', memberId: bank.id });
    expect((await login('new.officer')).statusCode).toBe(200);

    const operatorRole = await call('bankAdmin', 'POST', '/access/admin/users', {
      login: 'would.be.operator',
      displayName: 'x',
      password: PASSWORD,
      role: 'operator',
    });
    expect(operatorRole.statusCode).toBe(403);
    expect(operatorRole.json().message).toContain('operator');
    const elsewhere = await call('bankAdmin', 'POST', '/access/admin/users', {
      login: 'other.member.user',
      displayName: 'x',
      password: PASSWORD,
      role: 'analyst',
      memberId: otherBank.id,
    });
    expect(elsewhere.statusCode).toBe(403);
    const taken = await call('operator', 'POST', '/access/admin/users', {
      login: 'new.officer',
      displayName: 'x',
      password: PASSWORD,
      role: 'analyst',
      memberId: bank.id,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe('the login new.officer is taken: choose another');
    const short = await call('operator', 'POST', '/access/admin/users', {
      login: 'short.password',
      displayName: 'x',
      password: 'short',
      role: 'analyst',
      memberId: bank.id,
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('at least 12 characters');
    const noMember = await call('operator', 'POST', '/access/admin/users', {
      login: 'no.member',
      displayName: 'x',
      password: PASSWORD,
      role: 'approver',
    });
    expect(noMember.statusCode).toBe(400);
    expect(noMember.json().details).toEqual([
      expect.objectContaining({
        field: 'memberId',
        message: 'the role approver needs the member the user works for',
      }),
    ]);
  });

  it('lists users by member: a member admin never sees another member’s', async () => {
    const own = (await call('bankAdmin', 'GET', '/access/admin/users')).json().items;
    expect(new Set(own.map((u: { memberId: string }) => u.memberId))).toEqual(new Set([bank.id]));
    expect(own.map((u: { login: string }) => u.login)).toContain('new.officer');
    const other = (await call('otherAdmin', 'GET', '/access/admin/users')).json().items;
    expect(other.map((u: { login: string }) => u.login)).toEqual(['admin-test-otherAdmin']);
    expect((await call('otherAdmin', 'GET', `/access/admin/users?memberId=${bank.id}`)).statusCode).toBe(403);
    const filtered = (await call('operator', 'GET', `/access/admin/users?memberId=${otherBank.id}`)).json();
    expect(filtered.items.map((u: { login: string }) => u.login)).toEqual(['admin-test-otherAdmin']);
    expect((await call('bankAnalyst', 'GET', '/access/admin/users')).statusCode).toBe(403);
  });

  it('changes a role, and disabling ends sign-in, sessions and tokens at once; enabling restores sign-in', async () => {
    const session = await login('admin-test-bankAnalyst');
    expect(session.statusCode).toBe(200);
    const cookie = session.headers['set-cookie'];
    const changed = await call('bankAdmin', 'PATCH', `/access/admin/users/${h.userIds.bankAnalyst}`, {
      role: 'approver',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'approver', disabledAt: null });
    // A new role ends the open sessions: the user signs in again and sees the new role's pages.
    const meBefore = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: String(Array.isArray(cookie) ? cookie[0] : cookie).split(';')[0] },
    });
    expect(meBefore.statusCode).toBe(401);

    const again = await login('admin-test-bankAnalyst');
    const againCookie = again.headers['set-cookie'];
    const disabled = await call('bankAdmin', 'PATCH', `/access/admin/users/${h.userIds.bankAnalyst}`, {
      disabled: true,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().disabledAt).toBe(fixedClock.now().toISOString());
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: String(Array.isArray(againCookie) ? againCookie[0] : againCookie).split(';')[0] },
    });
    expect(me.statusCode).toBe(401);
    expect((await call('bankAnalyst', 'GET', '/auth/me')).statusCode).toBe(401);
    const refused = await login('admin-test-bankAnalyst');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toBe('this account is disabled: ask your administrator to enable it');
    expect((await login('admin-test-bankAnalyst', 'a wrong password!')).json().message).toBe(
      'the login or the password is wrong',
    );

    const enabled = await call('operator', 'PATCH', `/access/admin/users/${h.userIds.bankAnalyst}`, {
      disabled: false,
    });
    expect(enabled.json().disabledAt).toBeNull();
    expect((await login('admin-test-bankAnalyst')).statusCode).toBe(200);
    const audit = await h.database.pool.query(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at, id',
      [h.userIds.bankAnalyst],
    );
    expect(audit.rows.map((row) => row.action).sort()).toEqual(
      ['access.user_disabled', 'access.user_enabled', 'access.user_role_changed'].sort(),
    );
  });

  it('refuses self-changes, other members’ users, and roles beyond a member admin', async () => {
    const self = await call('bankAdmin', 'PATCH', `/access/admin/users/${h.userIds.bankAdmin}`, {
      disabled: true,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('your own role');
    const otherMember = await call('otherAdmin', 'PATCH', `/access/admin/users/${h.userIds.bankAnalyst}`, {
      disabled: true,
    });
    expect(otherMember.statusCode).toBe(404);
    const promote = await call('bankAdmin', 'PATCH', `/access/admin/users/${h.userIds.bankAnalyst}`, {
      role: 'regulator',
    });
    expect(promote.statusCode).toBe(403);
    const nothing = await call('bankAdmin', 'PATCH', `/access/admin/users/${h.userIds.bankAnalyst}`, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('give a new role');
  });
});
