import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every mutation of registry data writes one typed audit event, in the same transaction. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    actorUserId: text('actor_user_id'),
    actorMemberId: text('actor_member_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (table) => [index('audit_entity_idx').on(table.entityType, table.entityId)],
);
