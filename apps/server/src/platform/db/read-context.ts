import type pg from 'pg';
import { inTransaction } from './transaction.js';

/** The read-only role whose reads the row-level security policies of migration `trust_rls` filter. */
export const READER_ROLE = 'creditbridge_app';

/**
 * Who a read is made for, as the row-level security policies see it. `role` `operator` and `system` (jobs)
 * pass every policy; otherwise rows show only when they belong to `memberId` or `enterpriseId`, or (fact
 * tables) when they are about `creditCode`, the enterprise the read is about, and the member submitted data
 * about it or holds a live consent from it (checked once per query).
 */
export type ReadContext = {
  role: string;
  memberId: string | null;
  enterpriseId: string | null;
  /** The enterprise this read is about, when it is about one. */
  creditCode?: string | null;
  /** The platform's clock (consent validity is judged against it, not the database's). */
  now: Date;
};

/** The context of batch jobs and the platform's own work: every policy lets it through. */
export function systemReadContext(now: Date): ReadContext {
  return { role: 'system', memberId: null, enterpriseId: null, now };
}

/**
 * Runs `work` in a read-only transaction as the role `creditbridge_app` with the acting party set by
 * `set_config(…, true)` (local to the transaction, so a pooled connection never carries it further).
 * The services decide who may read what; this is the second wall: a query that forgot a filter still
 * returns only rows the acting party may see.
 */
export async function withReadContext<T>(
  pool: pg.Pool,
  context: ReadContext,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(
    pool,
    async (client) => {
      await client.query(`SET LOCAL ROLE ${READER_ROLE}`);
      await client.query(
        `SELECT set_config('app.role', $1, true), set_config('app.member_id', $2, true),
           set_config('app.enterprise_id', $3, true), set_config('app.now', $4, true),
           set_config('app.credit_code', $5, true)`,
        [
          context.role,
          context.memberId ?? '',
          context.enterpriseId ?? '',
          context.now.toISOString(),
          context.creditCode ?? '',
        ],
      );
      return work(client);
    },
    { readOnly: true },
  );
}
