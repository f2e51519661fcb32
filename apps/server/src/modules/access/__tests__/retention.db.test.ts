import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import { createRetentionRepository } from '../retention.repository.js';
import type { NegativeRecord, NegativeRecordStore } from '../retention.schemas.js';
import { createRetentionService, yearsBefore } from '../retention.service.js';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

/** The registry's side, in memory: what it lists and what it was told to archive. */
function fakeStore(records: NegativeRecord[], options: { failMarking?: boolean } = {}) {
  const archived = new Map<string, Date>();
  const store: NegativeRecordStore = {
    async listNegativeRecordsEndedBy({ endedOnOrBefore, limit }) {
      return records
        .filter((record) => !archived.has(record.recordId) && record.endedOn <= endedOnOrBefore)
        .slice(0, limit);
    },
    async markArchived({ records: marked, archivedAt }) {
      if (options.failMarking) throw new Error('registry unavailable');
      for (const record of marked) archived.set(record.recordId, archivedAt);
    },
  };
  return { store, archived, options };
}

const loan = (id: string, endedOn: string): NegativeRecord => ({
  recordType: 'loan',
  recordId: id,
  enterpriseId: 'ent_retention',
  what: 'loan written_off',
  endedOn,
});

describe('yearsBefore', () => {
  it('goes back whole calendar years, 29 February falling back to the 28th', () => {
    expect(yearsBefore('2026-06-30', 5)).toBe('2021-06-30');
    expect(yearsBefore('2028-02-29', 5)).toBe('2023-02-28');
    expect(() => yearsBefore('June 2026', 5)).toThrow(
      new TypeError('date must be YYYY-MM-DD; got June 2026'),
    );
  });
});

describe('archiving negative records after the retention period', () => {
  it('archives a record exactly when 5 years have passed since the event ended, with an entry saying why', async () => {
    let now = new Date('2026-06-29T23:00:00Z');
    const { store, archived } = fakeStore([
      loan('lon_ended_2021_06_30', '2021-06-30'),
      loan('lon_ended_2021_07_01', '2021-07-01'),
      { ...loan('pub_2019', '2019-03-15'), recordType: 'public_record', what: 'court judgment' },
    ]);
    const retention = createRetentionService({
      repository: createRetentionRepository(database.pool),
      clock: { now: () => now },
      store,
    });
    expect(await retention.archiveExpiredNegativeRecords()).toEqual({ archived: 1, cutoff: '2021-06-29' });
    expect([...archived.keys()]).toEqual(['pub_2019']);

    now = new Date('2026-06-30T00:00:00Z');
    expect(await retention.archiveExpiredNegativeRecords()).toEqual({ archived: 1, cutoff: '2021-06-30' });
    expect(archived.has('lon_ended_2021_06_30')).toBe(true);
    expect(archived.has('lon_ended_2021_07_01')).toBe(false);

    const entries = await database.pool.query(
      `SELECT entity_type, entity_id, actor_user_id, after FROM audit_events
       WHERE action = 'retention.archived' ORDER BY at, entity_id`,
    );
    expect(entries.rows).toHaveLength(2);
    expect(entries.rows[1]).toMatchObject({
      entity_type: 'loan',
      entity_id: 'lon_ended_2021_06_30',
      actor_user_id: null,
      after: {
        rule: 'negative_record_retention',
        endedOn: '2021-06-30',
        retentionYears: 5,
        enterpriseId: 'ent_retention',
        reason: expect.stringContaining('loan written_off ended on 2021-06-30'),
      },
    });
  });

  it('takes the retention period from its configuration, and finishes a run interrupted before marking', async () => {
    const failing = fakeStore([loan('lon_two_years', '2024-01-10')], { failMarking: true });
    const clock = { now: () => new Date('2026-06-30T12:00:00Z') };
    const repository = createRetentionRepository(database.pool);
    const interrupted = createRetentionService({
      repository,
      clock,
      store: failing.store,
      retentionYears: 2,
    });
    await expect(interrupted.archiveExpiredNegativeRecords()).rejects.toThrow('registry unavailable');
    failing.options.failMarking = false;
    expect(await interrupted.archiveExpiredNegativeRecords()).toEqual({ archived: 1, cutoff: '2024-06-30' });
    const entries = await database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE entity_id = 'lon_two_years'",
    );
    expect(entries.rows[0].n).toBe(1);
    expect(() =>
      createRetentionService({ repository, clock, store: failing.store, retentionYears: 0 }),
    ).toThrow(new RangeError('retentionYears must be a positive integer; got 0'));
  });
});
