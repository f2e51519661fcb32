import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const members = pgTable('members', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    login: text('login').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    memberId: text('member_id').references(() => members.id),
    enterpriseId: text('enterprise_id'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Set by an administrator: the user can no longer sign in, and its sessions and tokens stop working. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('users_member_idx').on(table.memberId)],
);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A consent artefact in the manner of India's Account Aggregator: the enterprise lets one member read a data
 * scope for one purpose, over a data range, within a validity window, at most `max_lookups` times.
 */
export const consents = pgTable(
  'consents',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    purpose: text('purpose').notNull(),
    scopes: text('scopes').array().notNull(),
    dataFrom: date('data_from', { mode: 'string' }).notNull(),
    dataTo: date('data_to', { mode: 'string' }).notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    maxLookups: integer('max_lookups').notNull(),
    lookupsUsed: integer('lookups_used').notNull().default(0),
    /** Account Aggregator's `frequency`: at most `frequency_limit` look-ups per `frequency_period` (day, week, month). */
    frequencyLimit: integer('frequency_limit'),
    frequencyPeriod: text('frequency_period'),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (table) => [
    index('consents_enterprise_idx').on(table.enterpriseId),
    index('consents_member_idx').on(table.memberId, table.enterpriseId),
  ],
);

/** Every identified read, allowed or refused: who, for which member, why, under which consent, what. */
export const accessLog = pgTable(
  'access_log',
  {
    id: text('id').primaryKey(),
    /** Insertion order: reads at the same instant (a fixed clock, a burst) still list in the order they happened. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: text('actor_user_id').notNull(),
    actorRole: text('actor_role').notNull(),
    actorMemberId: text('actor_member_id'),
    enterpriseId: text('enterprise_id').notNull(),
    enterpriseCreditCode: text('enterprise_credit_code').notNull(),
    purpose: text('purpose').notNull(),
    scope: text('scope').notNull(),
    resource: text('resource').notNull(),
    outcome: text('outcome').notNull(),
    basis: text('basis'),
    refusalReason: text('refusal_reason'),
    consentId: text('consent_id'),
    requestId: text('request_id'),
  },
  (table) => [
    index('access_log_enterprise_idx').on(table.enterpriseId, table.seq),
    index('access_log_at_idx').on(table.at, table.seq),
  ],
);

/** An objection (异议) to one record: answered by the submitting member within the deadline (条例 art. 25). */
export const disputes = pgTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    reply: text('reply'),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** When the outcome is `corrected`: the new version of the record (the original stays, superseded). */
    correctedRecordId: text('corrected_record_id'),
  },
  (table) => [
    index('disputes_enterprise_idx').on(table.enterpriseId),
    index('disputes_member_idx').on(table.memberId, table.status),
    // One open objection per record: a second one waits for the answer to the first.
    uniqueIndex('disputes_one_open_per_record_idx')
      .on(table.recordType, table.recordId)
      .where(sql`status = 'open'`),
  ],
);

/**
 * An enterprise user's binding to its enterprise: requested by the user, attested by the operator or by a
 * member institution that submitted data about the enterprise. Only a verified binding sets `users.enterprise_id`.
 */
export const enterpriseVerifications = pgTable(
  'enterprise_verifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    enterpriseId: text('enterprise_id').notNull(),
    /** pending | verified | rejected */
    status: text('status').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    attestedBy: text('attested_by'),
    attestedByMemberId: text('attested_by_member_id'),
    attestedAt: timestamp('attested_at', { withTimezone: true }),
    note: text('note'),
  },
  (table) => [
    index('enterprise_verifications_user_idx').on(table.userId),
    index('enterprise_verifications_enterprise_idx').on(table.enterpriseId, table.status),
  ],
);
