import type { TActor, TRole, TUser } from '../src/modules/access/index.js';
import type { Database } from '../src/platform/db/database.js';
import type { buildApp } from '../src/platform/http/app.js';
import { csv, ENTERPRISE_HEADER, enterpriseRow, newCreditCode, submitText } from './factories.js';

type App = Awaited<ReturnType<typeof buildApp>>;

/** Which side of the authorization test a user is on: A is the caller, B owns the objects asked for. */
export type Side = 'A' | 'B' | 'platform';

export type Caller = { user: TUser; actor: TActor; side: Side; token: string };

export type Party = {
  member: { id: string; name: string };
  enterprise: { id: string; creditCode: string; name: string };
  submissionId: string;
};

export type Fixture = {
  a: Party;
  b: Party;
  /** A third member that only ever receives consents, so no grant in the test opens B's data to A. */
  neutralMemberId: string;
  callers: Caller[];
  /** Strings that identify B's objects: none may appear in a 2xx answer to an A-side caller. */
  secretsOfB: string[];
  tokenOf: (side: Side, role: TRole) => string;
  actorOf: (side: Side, role: TRole) => TActor;
};

const MEMBER_ROLES = ['member_admin', 'analyst', 'credit_officer', 'approver'] as const;
const ENTERPRISE_USER_ROLES = ['enterprise_owner', 'enterprise_finance'] as const;

function actorFromUser(user: TUser): TActor {
  return { ...user, via: 'token', csrfToken: null };
}

async function seedParty(
  app: App,
  database: Database,
  label: 'A' | 'B',
): Promise<Party & { users: Caller[] }> {
  const { access } = app.services;
  const member = await access.createMember({ name: `Member ${label} 银行`, kind: 'bank' });
  const users: Caller[] = [];
  for (const role of MEMBER_ROLES) {
    users.push(await newCaller(app, label, role, { memberId: member.id }));
  }
  const creditCode = newCreditCode();
  const name = `Enterprise ${label} 专属名称有限公司`;
  const submitter = users[0];
  if (!submitter) throw new Error('setup: no member user');
  const result = await submitText(
    app.services,
    submitter.actor,
    'enterprises',
    csv(ENTERPRISE_HEADER, [enterpriseRow(creditCode, { name })]),
  );
  if (result.submission.status !== 'accepted') {
    throw new Error(`setup failed: ${JSON.stringify(result.submission.errors)}`);
  }
  const row = await database.pool.query<{ id: string }>('SELECT id FROM enterprises WHERE credit_code = $1', [
    creditCode,
  ]);
  const enterpriseId = row.rows[0]?.id;
  if (!enterpriseId) throw new Error('setup: the enterprise was not registered');
  for (const role of ENTERPRISE_USER_ROLES) {
    users.push(await newCaller(app, label, role, { enterpriseId }));
  }
  return {
    member: { id: member.id, name: member.name },
    enterprise: { id: enterpriseId, creditCode, name },
    submissionId: result.submission.id,
    users,
  };
}

async function newCaller(
  app: App,
  side: Side,
  role: TRole,
  links: { memberId?: string; enterpriseId?: string },
): Promise<Caller> {
  const user = await app.services.access.createUser({
    login: `authz-${side}-${role}`,
    displayName: `${role} of ${side}`,
    password: 'correct horse battery staple',
    role,
    memberId: links.memberId ?? null,
    enterpriseId: links.enterpriseId ?? null,
  });
  const token = await app.services.access.createApiToken({
    userId: user.id,
    name: 'authorization test',
    expiresAt: null,
  });
  return { user, actor: actorFromUser(user), side, token };
}

/** Two members (A, B), an enterprise submitted by each, users of every role on both sides, an operator, a regulator. */
export async function seedAuthorizationFixture(app: App, database: Database): Promise<Fixture> {
  const a = await seedParty(app, database, 'A');
  const b = await seedParty(app, database, 'B');
  const operatorMember = await app.services.access.createMember({
    name: 'Platform operator',
    kind: 'operator',
  });
  const neutral = await app.services.access.createMember({ name: 'Neutral lender', kind: 'bank' });
  const callers = [
    ...a.users,
    ...b.users,
    await newCaller(app, 'platform', 'operator', { memberId: operatorMember.id }),
    await newCaller(app, 'platform', 'regulator', {}),
  ];
  const find = (side: Side, role: TRole) => {
    const caller = callers.find((candidate) => candidate.side === side && candidate.user.role === role);
    if (!caller) throw new Error(`no ${role} on side ${side}`);
    return caller;
  };
  const secretsOfB = [
    b.member.id,
    b.member.name,
    b.enterprise.id,
    b.enterprise.creditCode,
    b.enterprise.name,
    b.submissionId,
    ...b.users.map((caller) => caller.user.id),
  ];
  return {
    a,
    b,
    neutralMemberId: neutral.id,
    callers,
    secretsOfB,
    tokenOf: (side, role) => find(side, role).token,
    actorOf: (side, role) => find(side, role).actor,
  };
}
