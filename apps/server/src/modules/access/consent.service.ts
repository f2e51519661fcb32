import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  type CONSENT_STATUSES,
  ENTERPRISE_ROLES,
  MEMBER_STAFF_ROLES,
  type TAccessLogEntry,
  type TActor,
  type TConsent,
  type TConsentFrequency,
  type TConsentGrant,
  type TDataScope,
  type TPurpose,
  type TReadBasis,
  type TRefusalReason,
} from './access.schemas.js';
import type { Clock } from './access.service.js';
import type { ConsentRepository, ConsentRow, ConsentTransaction } from './consent.repository.js';
import { readContextOf } from './read-context.js';

type Deps = { repository: ConsentRepository; clock: Clock };

/** One identified read, as the module that holds the data describes it. */
export type IdentifiedRead = {
  actor: TActor;
  enterpriseId: string;
  enterpriseCreditCode: string;
  scope: TDataScope;
  purpose: TPurpose;
  /** What is read, for the log: `registry.enterprise`, `reports.credit_report`, … */
  resource: string;
  /** Members that submitted the data being read: each may read what it submitted without a consent. */
  submitterMemberIds: readonly string[];
  requestId?: string | null;
};

/** An allowed read: on what basis, under which consent, and the data range that consent covers. */
export type ReadPermit = {
  basis: TReadBasis;
  consentId: string | null;
  dataRange: { from: string; to: string } | null;
  accessLogId: string;
};

export type AuthorizeIdentifiedRead = (input: IdentifiedRead) => Promise<ReadPermit>;

type Decision =
  | { outcome: 'allowed'; basis: TReadBasis; consent: ConsentRow | null }
  | { outcome: 'refused'; reason: TRefusalReason; message: string; consentId: string | null };

type ConsentStatus = (typeof CONSENT_STATUSES)[number];

function statusOf(row: ConsentRow, now: Date): ConsentStatus {
  if (row.revoked_at) return 'revoked';
  if (now >= row.valid_until) return 'expired';
  if (row.lookups_used >= row.max_lookups) return 'exhausted';
  if (now < row.valid_from) return 'pending';
  return 'active';
}

function toConsent(row: ConsentRow, now: Date): TConsent {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    memberId: row.member_id,
    memberName: row.member_name,
    purpose: row.purpose,
    scopes: row.scopes,
    dataFrom: row.data_from,
    dataTo: row.data_to,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    maxLookups: row.max_lookups,
    lookupsUsed: row.lookups_used,
    frequency:
      row.frequency_limit !== null && row.frequency_period !== null
        ? { limit: row.frequency_limit, period: row.frequency_period }
        : null,
    status: statusOf(row, now),
    grantedBy: row.granted_by,
    grantedAt: row.granted_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

const PERIOD_DAYS: Record<TConsentFrequency['period'], number> = { day: 1, week: 7, month: 30 };

/** The start of the rolling window a frequency limit counts look-ups in. */
export function frequencyWindowStart(period: TConsentFrequency['period'], now: Date): Date {
  return new Date(now.getTime() - PERIOD_DAYS[period] * 86_400_000);
}

const isEnterpriseUser = (actor: TActor) =>
  ENTERPRISE_ROLES.includes(actor.role) && actor.enterpriseId !== null;
const isMemberStaff = (actor: TActor) => MEMBER_STAFF_ROLES.includes(actor.role) && actor.memberId !== null;

/** Says, in one sentence, why none of a member's consents for this purpose and scope can be used now. */
function refusalFor(read: IdentifiedRead, candidates: ConsentRow[], now: Date): Decision {
  const who = `member ${read.actor.memberName ?? read.actor.memberId}`;
  const what = `purpose ${read.purpose} and data scope ${read.scope}`;
  const latest = [...candidates].sort((a, b) => b.granted_at.getTime() - a.granted_at.getTime())[0];
  if (!latest) {
    return {
      outcome: 'refused',
      reason: 'no_consent',
      consentId: null,
      message: `${who} holds no consent from enterprise ${read.enterpriseCreditCode} for ${what}; the enterprise must grant one first`,
    };
  }
  const status = statusOf(latest, now);
  const base = { outcome: 'refused' as const, consentId: latest.id };
  if (status === 'revoked') {
    return {
      ...base,
      reason: 'revoked',
      message: `consent ${latest.id} of enterprise ${read.enterpriseCreditCode} for ${what} was revoked at ${latest.revoked_at?.toISOString()}; a new consent is needed`,
    };
  }
  if (status === 'expired') {
    return {
      ...base,
      reason: 'expired',
      message: `consent ${latest.id} of enterprise ${read.enterpriseCreditCode} for ${what} expired at ${latest.valid_until.toISOString()}; a new consent is needed`,
    };
  }
  if (status === 'exhausted') {
    return {
      ...base,
      reason: 'lookup_limit_reached',
      message: `consent ${latest.id} of enterprise ${read.enterpriseCreditCode} for ${what} allowed ${latest.max_lookups} look-ups and all have been used`,
    };
  }
  return {
    ...base,
    reason: 'not_yet_valid',
    message: `consent ${latest.id} of enterprise ${read.enterpriseCreditCode} for ${what} is valid only from ${latest.valid_from.toISOString()}`,
  };
}

export function createConsentService({ repository, clock }: Deps) {
  /** The enterprise a consent use case acts for: its own users act for it; the operator names it. */
  function enterpriseOf(actor: TActor, named: string | undefined): string {
    if (isEnterpriseUser(actor) && actor.enterpriseId) {
      if (named && named !== actor.enterpriseId) {
        throw new AppError('FORBIDDEN', {
          message: 'an enterprise user decides only about its own enterprise',
        });
      }
      return actor.enterpriseId;
    }
    // The operator records consents received in writing (条例 art. 18 asks for written consent).
    if (actor.role === 'operator' && named) return named;
    throw new AppError('FORBIDDEN', {
      message:
        actor.role === 'operator'
          ? 'say which enterprise the consent is for (enterpriseId)'
          : ENTERPRISE_ROLES.includes(actor.role)
            ? 'your account is not yet bound to an enterprise (verification pending): an unverified user grants no consent'
            : 'only the enterprise itself (enterprise_owner, enterprise_finance) grants and revokes consents',
    });
  }

  async function decide(read: IdentifiedRead, tx: ConsentTransaction): Promise<Decision> {
    const { actor } = read;
    const now = clock.now();
    if (actor.role === 'operator') return { outcome: 'allowed', basis: 'operator', consent: null };
    if (ENTERPRISE_ROLES.includes(actor.role)) {
      if (!actor.enterpriseId) {
        return {
          outcome: 'refused',
          reason: 'enterprise_not_verified',
          consentId: null,
          message:
            'your account is not yet bound to an enterprise: ask for the binding (POST /access/enterprise-verifications) and have the operator or a member that knows your enterprise attest it',
        };
      }
      if (actor.enterpriseId === read.enterpriseId) {
        return { outcome: 'allowed', basis: 'enterprise', consent: null };
      }
      return {
        outcome: 'refused',
        reason: 'not_own_enterprise',
        consentId: null,
        message: `an enterprise user may read only its own enterprise's data, not ${read.enterpriseCreditCode}`,
      };
    }
    if (!isMemberStaff(actor) || !actor.memberId) {
      return {
        outcome: 'refused',
        reason: 'role_not_allowed',
        consentId: null,
        message: `the role ${actor.role} may not read identified enterprise data; aggregates are open to it instead`,
      };
    }
    if (read.submitterMemberIds.includes(actor.memberId)) {
      return { outcome: 'allowed', basis: 'submitter', consent: null };
    }
    const candidates = await tx.lockConsents({
      enterpriseId: read.enterpriseId,
      memberId: actor.memberId,
      purpose: read.purpose,
      scope: read.scope,
    });
    let overFrequency: { row: ConsentRow; used: number; since: Date } | null = null;
    for (const row of candidates) {
      if (statusOf(row, now) !== 'active') continue;
      if (row.frequency_limit !== null && row.frequency_period !== null) {
        const since = frequencyWindowStart(row.frequency_period, now);
        const used = await tx.countAllowedReadsSince({
          consentId: row.id,
          enterpriseId: read.enterpriseId,
          since,
        });
        if (used >= row.frequency_limit) {
          overFrequency ??= { row, used, since };
          continue;
        }
      }
      await tx.consumeLookup(row.id);
      return { outcome: 'allowed', basis: 'consent', consent: row };
    }
    if (overFrequency) {
      const { row, used, since } = overFrequency;
      return {
        outcome: 'refused',
        reason: 'frequency_limit_reached',
        consentId: row.id,
        message: `consent ${row.id} of enterprise ${read.enterpriseCreditCode} allows ${row.frequency_limit} look-up${row.frequency_limit === 1 ? '' : 's'} per ${row.frequency_period}; ${used} ${used === 1 ? 'was' : 'were'} made since ${since.toISOString()}, so the next one must wait`,
      };
    }
    return refusalFor(read, candidates, now);
  }

  return {
    /** Records an enterprise's consent; other flows (financing applications, …) call this same function. */
    async grantConsent(
      input: TConsentGrant & { actor: TActor; requestId?: string | null },
    ): Promise<TConsent> {
      const enterpriseId = enterpriseOf(input.actor, input.enterpriseId);
      const now = clock.now();
      const validFrom = input.validFrom ? new Date(input.validFrom) : now;
      const validUntil = new Date(input.validUntil);
      if (validUntil <= now) {
        throw new AppError('VALIDATION_FAILED', {
          message: `validUntil (${validUntil.toISOString()}) is already past`,
          details: { field: 'validUntil' },
        });
      }
      if (validUntil <= validFrom) {
        throw new AppError('VALIDATION_FAILED', {
          message: `validUntil (${validUntil.toISOString()}) must be after validFrom (${validFrom.toISOString()})`,
          details: { field: 'validUntil' },
        });
      }
      const member = await repository.findMember(input.memberId);
      if (!member?.is_active) {
        throw new AppError('VALIDATION_FAILED', {
          message: `member ${input.memberId} does not exist or is not active`,
          details: { field: 'memberId' },
        });
      }
      const id = newId('consent');
      await repository.inTransaction(async (tx) => {
        const consent = {
          id,
          enterpriseId,
          memberId: input.memberId,
          purpose: input.purpose,
          scopes: input.scopes,
          dataFrom: input.dataFrom,
          dataTo: input.dataTo,
          validFrom,
          validUntil,
          maxLookups: input.maxLookups,
          frequencyLimit: input.frequency?.limit ?? null,
          frequencyPeriod: input.frequency?.period ?? null,
          grantedBy: input.actor.id,
          grantedAt: now,
        };
        await tx.insertConsent(consent);
        await tx.insertAudit({
          at: now,
          action: 'consent.granted',
          actorUserId: input.actor.id,
          actorMemberId: input.actor.memberId,
          entityType: 'consent',
          entityId: id,
          after: consent,
          requestId: input.requestId ?? null,
        });
      });
      const row = await repository.findConsent(id);
      if (!row) throw new AppError('INTERNAL', { message: 'the consent vanished after it was granted' });
      return toConsent(row, now);
    },

    /** The enterprise sees the consents it granted; member staff those granted to their member; the operator all. */
    async listConsents(input: { actor: TActor; limit: number; offset: number }) {
      const { actor } = input;
      let filter: { enterpriseId: string | null; memberId: string | null };
      if (isEnterpriseUser(actor)) filter = { enterpriseId: actor.enterpriseId, memberId: null };
      else if (isMemberStaff(actor)) filter = { enterpriseId: null, memberId: actor.memberId };
      else if (actor.role === 'operator') filter = { enterpriseId: null, memberId: null };
      else throw new AppError('FORBIDDEN', { message: `the role ${actor.role} has no consents to see` });
      const now = clock.now();
      const page = await repository.listConsents(readContextOf(actor, now), {
        ...filter,
        limit: input.limit,
        offset: input.offset,
      });
      return { items: page.items.map((row) => toConsent(row, now)), total: page.total };
    },

    /** Revokes a consent at once: the next read under it is refused. Revoking twice changes nothing. */
    async revokeConsent(input: { actor: TActor; id: string; requestId?: string | null }): Promise<TConsent> {
      const now = clock.now();
      await repository.inTransaction(async (tx) => {
        const row = await tx.findConsentForUpdate(input.id);
        const mayRevoke =
          row &&
          (input.actor.role === 'operator' ||
            (isEnterpriseUser(input.actor) && input.actor.enterpriseId === row.enterprise_id));
        if (!row || !mayRevoke) throw new AppError('NOT_FOUND', { message: `consent ${input.id} not found` });
        if (row.revoked_at) return;
        await tx.markRevoked(row.id, now, input.actor.id);
        await tx.insertAudit({
          at: now,
          action: 'consent.revoked',
          actorUserId: input.actor.id,
          actorMemberId: input.actor.memberId,
          entityType: 'consent',
          entityId: row.id,
          before: { revokedAt: null },
          after: { revokedAt: now.toISOString() },
          requestId: input.requestId ?? null,
        });
      });
      const row = await repository.findConsent(input.id);
      if (!row) throw new AppError('NOT_FOUND', { message: `consent ${input.id} not found` });
      return toConsent(row, now);
    },

    /**
     * The one decision on every identified read. Allowed for the enterprise itself, the member that submitted
     * the data, a member holding a live consent for this purpose and scope (one look-up is spent), and the
     * operator. Allowed or refused, the attempt goes to the access log and the audit trail in one transaction;
     * a refusal then throws ACCESS_NO_CONSENT with a sentence naming what is missing.
     */
    async authorizeIdentifiedRead(read: IdentifiedRead): Promise<ReadPermit> {
      const now = clock.now();
      const { decision, accessLogId } = await repository.inTransaction(async (tx) => {
        const decision = await decide(read, tx);
        const consentId =
          decision.outcome === 'allowed' ? (decision.consent?.id ?? null) : decision.consentId;
        const entry = {
          at: now,
          actorUserId: read.actor.id,
          actorRole: read.actor.role,
          actorMemberId: read.actor.memberId,
          enterpriseId: read.enterpriseId,
          enterpriseCreditCode: read.enterpriseCreditCode,
          purpose: read.purpose,
          scope: read.scope,
          resource: read.resource,
          outcome: decision.outcome,
          basis: decision.outcome === 'allowed' ? decision.basis : null,
          refusalReason: decision.outcome === 'refused' ? decision.reason : null,
          consentId,
          requestId: read.requestId ?? null,
        };
        const accessLogId = await tx.insertAccessLog(entry);
        await tx.insertAudit({
          at: now,
          action: decision.outcome === 'allowed' ? 'identified_read.allowed' : 'identified_read.refused',
          actorUserId: read.actor.id,
          actorMemberId: read.actor.memberId,
          entityType: 'enterprise',
          entityId: read.enterpriseId,
          after: { accessLogId, ...entry, at: now.toISOString() },
          requestId: read.requestId ?? null,
        });
        return { decision, accessLogId };
      });
      if (decision.outcome === 'refused') {
        throw new AppError('ACCESS_NO_CONSENT', {
          message: decision.message,
          details: { reason: decision.reason, consentId: decision.consentId, accessLogId },
        });
      }
      const consent = decision.consent;
      return {
        basis: decision.basis,
        consentId: consent?.id ?? null,
        dataRange: consent ? { from: consent.data_from, to: consent.data_to } : null,
        accessLogId,
      };
    },

    /** The enterprise's own access log: every read of its identified data, allowed or refused, newest first. */
    async listMyAccessLog(input: { actor: TActor; limit: number; offset: number }) {
      if (!isEnterpriseUser(input.actor) || !input.actor.enterpriseId) {
        throw new AppError('FORBIDDEN', { message: 'only an enterprise user has an own access log' });
      }
      return repository.listAccessLog(readContextOf(input.actor, clock.now()), {
        enterpriseId: input.actor.enterpriseId,
        limit: input.limit,
        offset: input.offset,
      });
    },

    /** The operator's export of the access log as CSV text chunks (cells neutralised against formulas). */
    async *accessLogCsv(input: {
      actor: TActor;
      enterpriseId?: string | null;
      from?: Date | null;
      to?: Date | null;
    }): AsyncGenerator<string> {
      if (input.actor.role !== 'operator') {
        throw new AppError('FORBIDDEN', { message: 'only the operator exports the access log' });
      }
      yield `\uFEFF${ACCESS_LOG_COLUMNS.join(',')}\n`;
      for await (const page of repository.streamAccessLog({
        enterpriseId: input.enterpriseId ?? null,
        from: input.from ?? null,
        to: input.to ?? null,
      })) {
        yield page
          .map((entry) => `${ACCESS_LOG_COLUMNS.map((column) => csvCell(entry[column])).join(',')}\n`)
          .join('');
      }
    },
  };
}

const ACCESS_LOG_COLUMNS = [
  'id',
  'at',
  'enterpriseId',
  'enterpriseCreditCode',
  'actorUserId',
  'actorRole',
  'actorMemberId',
  'actorMemberName',
  'purpose',
  'scope',
  'resource',
  'outcome',
  'basis',
  'refusalReason',
  'consentId',
] as const satisfies ReadonlyArray<keyof TAccessLogEntry>;

function csvCell(value: string | null): string {
  if (value === null) return '';
  // A cell a spreadsheet would run as a formula is prefixed with '.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export type ConsentService = ReturnType<typeof createConsentService>;
