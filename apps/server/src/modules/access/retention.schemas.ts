/** The negative records a retention rule applies to: loans in default or written off, and public records. */
export const NEGATIVE_RECORD_TYPES = ['loan', 'public_record'] as const;
export type TNegativeRecordType = (typeof NEGATIVE_RECORD_TYPES)[number];

/** One negative record as its holder (the registry) describes it; `endedOn` is when the event ended. */
export type NegativeRecord = {
  recordType: TNegativeRecordType;
  recordId: string;
  enterpriseId: string;
  /** What made it negative, for the archive entry: `loan default`, `loan written_off`, `court judgment`, … */
  what: string;
  /** ISO date (YYYY-MM-DD) the bad act or event ended: the loan repaid or written off, the penalty lifted. */
  endedOn: string;
};

/**
 * What access needs from the module that holds the records, injected as a narrow type so that access never
 * reads the registry's tables. Both calls see only records not yet archived.
 */
export type NegativeRecordStore = {
  listNegativeRecordsEndedBy: (input: {
    endedOnOrBefore: string;
    limit: number;
  }) => Promise<NegativeRecord[]>;
  /** Marks the records archived: they stay stored for disputes and audits but stop counting. */
  markArchived: (input: {
    records: ReadonlyArray<Pick<NegativeRecord, 'recordType' | 'recordId'>>;
    archivedAt: Date;
    /** Why, stored with the record (the archive entry in the audit trail says it in full). */
    reason: string;
  }) => Promise<void>;
};
