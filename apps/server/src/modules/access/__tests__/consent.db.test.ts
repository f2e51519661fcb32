import { beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  newCreditCode,
  newMember,
  registerEnterprises,
  TODAY,
  testConfig,
} from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import { isAppError } from '../../../platform/errors.js';
import { buildServices, type Services } from '../../../services.js';
import type { TActor, TConsentGrant } from '../access.schemas.js';

let database: Database;
let services: Services;
let now = new Date(`${TODAY}T12:00:00Z`);
const clock = { now: () => now };

let submitter: Awaited<ReturnType<typeof newMember>>;
let lender: Awaited<ReturnType<typeof newMember>>;
let stranger: Awaited<ReturnType<typeof newMember>>;
const operator: TActor = { ...actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator') };

function enterpriseActor(enterpriseId: string): TActor {
  return {
    ...actorFor({ id: 'none', name: 'none', kind: 'bank' }, 'enterprise_owner'),
    id: `usr_owner_${enterpriseId}`,
    memberId: null,
    memberName: null,
    memberKind: null,
    enterpriseId,
  };
}

async function newEnterprise() {
  const code = newCreditCode();
  await registerEnterprises(services, actorFor(submitter), [code]);
  const detail = await services.registry.getEnterprise({ actor: operator, creditCode: code });
  return { code, id: detail.id, owner: enterpriseActor(detail.id) };
}

function grant(overrides: Partial<TConsentGrant> = {}): TConsentGrant {
  return {
    memberId: lender.id,
    purpose: 'credit_assessment',
    scopes: ['report', 'statements'],
    dataFrom: '2023-01-01',
    dataTo: '2025-12-31',
    validUntil: '2026-07-30T00:00:00Z',
    maxLookups: 5,
    ...overrides,
  };
}

/** Reads as `actor` and returns the refusal's reason, or 'allowed'. */
async function readAs(actor: TActor, code: string, purpose: TConsentGrant['purpose'] = 'credit_assessment') {
  try {
    await services.registry.getEnterprise({ actor, creditCode: code, purpose });
    return 'allowed';
  } catch (error) {
    if (isAppError(error) && error.code === 'ACCESS_NO_CONSENT') {
      return (error.details as { reason: string }).reason;
    }
    throw error;
  }
}

async function logOf(enterpriseId: string) {
  const page = await services.consents.listMyAccessLog({
    actor: enterpriseActor(enterpriseId),
    limit: 100,
    offset: 0,
  });
  return page.items.reverse();
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = buildServices({ pool: database.pool, config: testConfig(), clock });
  submitter = await newMember(services);
  lender = await newMember(services);
  stranger = await newMember(services);
});

describe('who may read identified data', () => {
  it('lets the enterprise, the submitting member and the operator read; refuses others with a sentence', async () => {
    const enterprise = await newEnterprise();
    expect(await readAs(enterprise.owner, enterprise.code)).toBe('allowed');
    expect(await readAs(actorFor(submitter), enterprise.code)).toBe('allowed');
    expect(await readAs(operator, enterprise.code)).toBe('allowed');
    const other = await newEnterprise();
    expect(await readAs(other.owner, enterprise.code)).toBe('not_own_enterprise');
    expect(await readAs({ ...actorFor(stranger), role: 'regulator' }, enterprise.code)).toBe(
      'role_not_allowed',
    );
    await expect(
      services.registry.getEnterprise({ actor: actorFor(stranger), creditCode: enterprise.code }),
    ).rejects.toMatchObject({
      code: 'ACCESS_NO_CONSENT',
      message: expect.stringMatching(/holds no consent from enterprise .* for purpose credit_assessment/),
    });
    // The first entry is the operator's read in newEnterprise().
    const log = (await logOf(enterprise.id)).slice(1);
    expect(log.map((entry) => [entry.actorRole, entry.outcome, entry.basis ?? entry.refusalReason])).toEqual([
      ['enterprise_owner', 'allowed', 'enterprise'],
      ['analyst', 'allowed', 'submitter'],
      ['operator', 'allowed', 'operator'],
      ['enterprise_owner', 'refused', 'not_own_enterprise'],
      ['regulator', 'refused', 'role_not_allowed'],
      ['analyst', 'refused', 'no_consent'],
    ]);
    // Each read and its audit event are written together.
    const audit = await database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'identified_read.%'",
      [enterprise.id],
    );
    expect(audit.rows[0].n).toBe(log.length + 1); // +1: the operator's read in newEnterprise()
  });
});

describe('consents', () => {
  it('allows a read under a live consent for that purpose only, and refuses after revocation', async () => {
    const enterprise = await newEnterprise();
    const consent = await services.consents.grantConsent({ ...grant(), actor: enterprise.owner });
    expect(consent).toMatchObject({ status: 'active', lookupsUsed: 0, enterpriseId: enterprise.id });
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    expect(await readAs(actorFor(lender), enterprise.code, 'research')).toBe('no_consent');
    // Another member does not profit from the lender's consent.
    expect(await readAs(actorFor(stranger), enterprise.code)).toBe('no_consent');

    const revoked = await services.consents.revokeConsent({ actor: enterprise.owner, id: consent.id });
    expect(revoked.status).toBe('revoked');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('revoked');

    const log = await logOf(enterprise.id);
    const lenderEntries = log.filter((entry) => entry.actorMemberId === lender.id);
    expect(lenderEntries.map((entry) => [entry.outcome, entry.purpose, entry.consentId])).toEqual([
      ['allowed', 'credit_assessment', consent.id],
      ['refused', 'research', null],
      ['refused', 'credit_assessment', consent.id],
    ]);
    expect(lenderEntries[2]).toMatchObject({ refusalReason: 'revoked', resource: 'registry.enterprise' });
  });

  it('counts look-ups and refuses past the limit', async () => {
    const enterprise = await newEnterprise();
    const consent = await services.consents.grantConsent({
      ...grant({ maxLookups: 2 }),
      actor: enterprise.owner,
    });
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    await expect(
      services.registry.getEnterprise({ actor: actorFor(lender), creditCode: enterprise.code }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('allowed 2 look-ups and all have been used'),
    });
    const listed = await services.consents.listConsents({ actor: actorFor(lender), limit: 10, offset: 0 });
    expect(listed.items.find((item) => item.id === consent.id)).toMatchObject({
      lookupsUsed: 2,
      status: 'exhausted',
    });
    const log = await logOf(enterprise.id);
    expect(log.filter((entry) => entry.actorMemberId === lender.id).map((entry) => entry.outcome)).toEqual([
      'allowed',
      'allowed',
      'refused',
    ]);
  });

  it('spends the last look-up once when two reads race for it', async () => {
    const enterprise = await newEnterprise();
    await services.consents.grantConsent({ ...grant({ maxLookups: 1 }), actor: enterprise.owner });
    const outcomes = await Promise.all([
      readAs(actorFor(lender), enterprise.code),
      readAs(actorFor(lender), enterprise.code),
    ]);
    expect(outcomes.sort()).toEqual(['allowed', 'lookup_limit_reached']);
  });

  it('refuses before the validity window opens and after it ends', async () => {
    const enterprise = await newEnterprise();
    await services.consents.grantConsent({
      ...grant({ validFrom: '2026-07-01T00:00:00Z', validUntil: '2026-07-10T00:00:00Z' }),
      actor: enterprise.owner,
    });
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('not_yet_valid');
    now = new Date('2026-07-05T00:00:00Z');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    now = new Date('2026-07-10T00:00:00Z');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('expired');
    now = new Date(`${TODAY}T12:00:00Z`);
    const log = await logOf(enterprise.id);
    expect(log.filter((entry) => entry.actorMemberId === lender.id).map((entry) => entry.outcome)).toEqual([
      'refused',
      'allowed',
      'refused',
    ]);
  });

  it('enforces the frequency (at most N look-ups per day) beside the total limit, and logs each refused attempt', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const enterprise = await newEnterprise();
    const consent = await services.consents.grantConsent({
      ...grant({ maxLookups: 4, frequency: { limit: 2, period: 'day' } }),
      actor: enterprise.owner,
    });
    expect(consent.frequency).toEqual({ limit: 2, period: 'day' });
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    now = new Date(`${TODAY}T18:00:00Z`);
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    await expect(
      services.registry.getEnterprise({ actor: actorFor(lender), creditCode: enterprise.code }),
    ).rejects.toMatchObject({
      code: 'ACCESS_NO_CONSENT',
      message: expect.stringContaining('allows 2 look-ups per day; 2 were made since'),
      details: { reason: 'frequency_limit_reached', consentId: consent.id },
    });
    // A refused attempt spends nothing: 24 hours after the first read, one look-up is free again.
    now = new Date('2026-07-01T11:59:59.999Z');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('frequency_limit_reached');
    now = new Date('2026-07-01T12:00:00Z');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    now = new Date('2026-07-03T00:00:00Z');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('allowed');
    // Now the total of 4 is spent, whatever the frequency allows.
    now = new Date('2026-07-06T00:00:00Z');
    expect(await readAs(actorFor(lender), enterprise.code)).toBe('lookup_limit_reached');
    now = new Date(`${TODAY}T12:00:00Z`);

    const log = await logOf(enterprise.id);
    expect(
      log
        .filter((entry) => entry.actorMemberId === lender.id)
        .map((entry) => [entry.outcome, entry.refusalReason, entry.consentId]),
    ).toEqual([
      ['allowed', null, consent.id],
      ['allowed', null, consent.id],
      ['refused', 'frequency_limit_reached', consent.id],
      ['refused', 'frequency_limit_reached', consent.id],
      ['allowed', null, consent.id],
      ['allowed', null, consent.id],
      ['refused', 'lookup_limit_reached', consent.id],
    ]);
  });

  it('uses a second live consent when the first is at its frequency limit', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const enterprise = await newEnterprise();
    const weekly = await services.consents.grantConsent({
      ...grant({ frequency: { limit: 1, period: 'week' } }),
      actor: enterprise.owner,
    });
    const plain = await services.consents.grantConsent({ ...grant(), actor: enterprise.owner });
    await services.registry.getEnterprise({ actor: actorFor(lender), creditCode: enterprise.code });
    await services.registry.getEnterprise({ actor: actorFor(lender), creditCode: enterprise.code });
    const log = (await logOf(enterprise.id)).filter((entry) => entry.actorMemberId === lender.id);
    expect(new Set(log.map((entry) => entry.consentId))).toEqual(new Set([weekly.id, plain.id]));
  });

  it('audits a grant and a revocation with the actor, before and after', async () => {
    const enterprise = await newEnterprise();
    const consent = await services.consents.grantConsent({
      ...grant({ frequency: { limit: 3, period: 'month' } }),
      actor: enterprise.owner,
    });
    await services.consents.revokeConsent({ actor: enterprise.owner, id: consent.id });
    const audit = await database.pool.query(
      `SELECT action, actor_user_id, before, after FROM audit_events WHERE entity_type = 'consent' AND entity_id = $1
       ORDER BY at, action`,
      [consent.id],
    );
    expect(audit.rows).toMatchObject([
      {
        action: 'consent.granted',
        actor_user_id: enterprise.owner.id,
        before: null,
        after: { memberId: lender.id, frequencyLimit: 3, frequencyPeriod: 'month', maxLookups: 5 },
      },
      {
        action: 'consent.revoked',
        actor_user_id: enterprise.owner.id,
        before: { revokedAt: null },
        after: { revokedAt: now.toISOString() },
      },
    ]);
  });

  it('lets only the enterprise grant and revoke, and lists consents by side', async () => {
    const enterprise = await newEnterprise();
    await expect(
      services.consents.grantConsent({ ...grant(), actor: actorFor(lender, 'member_admin') }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      services.consents.grantConsent({ ...grant({ enterpriseId: 'ent_other' }), actor: enterprise.owner }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      services.consents.grantConsent({ ...grant({ memberId: 'mbr_missing' }), actor: enterprise.owner }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      services.consents.grantConsent({
        ...grant({ validUntil: '2026-01-01T00:00:00Z' }),
        actor: enterprise.owner,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('already past') });
    const consent = await services.consents.grantConsent({ ...grant(), actor: enterprise.owner });
    await expect(
      services.consents.revokeConsent({ actor: actorFor(lender, 'member_admin'), id: consent.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mine = await services.consents.listConsents({ actor: enterprise.owner, limit: 10, offset: 0 });
    expect(mine.items.map((item) => item.id)).toEqual([consent.id]);
    const strangers = await services.consents.listConsents({
      actor: actorFor(stranger),
      limit: 50,
      offset: 0,
    });
    expect(strangers.items.map((item) => item.id)).not.toContain(consent.id);
  });
});
