import type { TActor } from './access.schemas.js';
import type { Clock } from './access.service.js';
import type { RetentionRepository } from './retention.repository.js';
import type { NegativeRecordStore } from './retention.schemas.js';

/** 《征信业管理条例》 art. 16: negative information is kept for 5 years from the day the act or event ends. */
export const DEFAULT_NEGATIVE_RETENTION_YEARS = 5;

/** The same calendar day `years` earlier (29 February falls back to 28 February). */
export function yearsBefore(date: string, years: number): string {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new TypeError(`date must be YYYY-MM-DD; got ${date}`);
  }
  const targetYear = year - years;
  const lastDay = new Date(Date.UTC(targetYear, month, 0)).getUTCDate();
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(month, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

type Deps = {
  repository: RetentionRepository;
  clock: Clock;
  store: NegativeRecordStore;
  retentionYears?: number;
  batchSize?: number;
};

/**
 * Archives negative records whose retention period is over. A record that ended on day D stops counting
 * once D + `retentionYears` has passed. Each archived record gets an archive entry (an audit event
 * `retention.archived`) saying why; the entry is written before the record is marked and its id is derived
 * from the record, so a run interrupted between the two steps is completed by the next run, not duplicated.
 */
export function createRetentionService({
  repository,
  clock,
  store,
  retentionYears = DEFAULT_NEGATIVE_RETENTION_YEARS,
  batchSize = 500,
}: Deps) {
  if (!Number.isInteger(retentionYears) || retentionYears < 1) {
    throw new RangeError(`retentionYears must be a positive integer; got ${retentionYears}`);
  }
  return {
    /** Run by the operator (POST /access/retention/run) or a scheduled job (no actor). */
    async archiveExpiredNegativeRecords(
      input: { actor?: TActor | null } = {},
    ): Promise<{ archived: number; cutoff: string; retentionYears: number }> {
      const now = clock.now();
      const today = now.toISOString().slice(0, 10);
      // Ended on the cutoff day or before: the full retention period has passed by today.
      const cutoff = yearsBefore(today, retentionYears);
      let archived = 0;
      for (;;) {
        const records = await store.listNegativeRecordsEndedBy({ endedOnOrBefore: cutoff, limit: batchSize });
        if (records.length === 0) break;
        await repository.insertArchiveEntries(records, {
          now,
          cutoff,
          today,
          retentionYears,
          actorUserId: input.actor?.id ?? null,
        });
        await store.markArchived({
          records,
          archivedAt: now,
          reason: `negative_record_retention: the event ended on or before ${cutoff}, ${retentionYears} years before ${today}`,
        });
        archived += records.length;
        if (records.length < batchSize) break;
      }
      return { archived, cutoff, retentionYears };
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
