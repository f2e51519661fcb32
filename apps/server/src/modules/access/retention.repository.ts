import type pg from 'pg';
import type { NegativeRecord } from './retention.schemas.js';

/** Archive entries are audit events `retention.archived`, one per record, with an id derived from it. */
export function createRetentionRepository(pool: pg.Pool) {
  return {
    async insertArchiveEntries(
      records: readonly NegativeRecord[],
      context: {
        now: Date;
        cutoff: string;
        today: string;
        retentionYears: number;
        actorUserId: string | null;
      },
    ): Promise<void> {
      const values: unknown[] = [context.actorUserId];
      const rows = records.map((record, index) => {
        const base = 1 + index * 5;
        values.push(
          `ret_${record.recordType}_${record.recordId}`,
          record.recordType,
          record.recordId,
          JSON.stringify({
            enterpriseId: record.enterpriseId,
            what: record.what,
            endedOn: record.endedOn,
            retentionYears: context.retentionYears,
            cutoff: context.cutoff,
            rule: 'negative_record_retention',
            reason: `${record.what} ended on ${record.endedOn}; negative records stop counting ${context.retentionYears} years after the event ends (征信业管理条例 art. 16), and by ${context.today} that period is over`,
          }),
          context.now,
        );
        return `($${base + 1}, $${base + 5}, 'retention.archived', $1, NULL, $${base + 2}, $${base + 3}, NULL, $${base + 4}::jsonb, NULL)`;
      });
      await pool.query(
        `INSERT INTO audit_events (id, at, action, actor_user_id, actor_member_id, entity_type, entity_id, before, after,
         request_id)
       VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
        values,
      );
    },
  };
}

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
