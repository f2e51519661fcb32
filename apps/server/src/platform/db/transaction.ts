import type pg from 'pg';

/**
 * Runs `work` in one transaction on a client of the pool: COMMIT when it resolves, ROLLBACK when it throws (the
 * error is rethrown; a failed ROLLBACK on a broken connection does not hide it). The client goes back to the pool
 * either way. `readOnly` begins a READ ONLY transaction.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
