import { api } from '../api/client';
import type { EnterpriseDetail } from '../api/types';
import type { DisputeRecordType } from '../disputes/disputes.api';

/** What every record read from the registry carries about trust: an open dispute, the enterprise's word. */
type RecordAnnotation = {
  underDispute: boolean;
  disputeId: string | null;
  explanation: string | null;
};

type RecordSource = { id: string; memberId: string; memberName: string };

export type RecordStatement = RecordSource &
  RecordAnnotation & {
    periodEnd: string;
    periodType: string;
    /** Line items in integer fen, keyed `bs_01` … `cf_22`. */
    lines: Record<string, number>;
  };

export type RecordLoan = RecordSource &
  RecordAnnotation & {
    loanRef: string;
    product: string;
    principalFen: number;
    grantedOn: string;
    maturityOn: string | null;
    asOf: string;
    outstandingFen: number;
    daysPastDue: number;
    status: string;
    defaultOn: string | null;
  };

export type RecordPublicRecord = RecordSource &
  RecordAnnotation & {
    recordType: string;
    referenceNo: string;
    authority: string;
    decidedOn: string;
    endedOn: string | null;
    amountFen: number | null;
    description: string | null;
  };

/** The registry's detail of an enterprise with its records (statements, loans, public records). */
export type EnterpriseRecords = EnterpriseDetail & {
  statements?: RecordStatement[];
  loans?: RecordLoan[];
  publicRecords?: RecordPublicRecord[];
};

export function getEnterpriseRecords(creditCode: string, signal?: AbortSignal): Promise<EnterpriseRecords> {
  return api.get<EnterpriseRecords>(`/registry/enterprises/${encodeURIComponent(creditCode)}`, { signal });
}

export type RecordExplanation = {
  recordType: DisputeRecordType;
  recordId: string;
  explanation: string;
  writtenAt: string;
};

/** The enterprise's own explanation of one of its records, shown with the record wherever it is read. */
export function explainRecord(recordType: DisputeRecordType, recordId: string, explanation: string) {
  return api.put<RecordExplanation>(
    `/registry/my/records/${recordType}/${encodeURIComponent(recordId)}/explanation`,
    { explanation },
  );
}
