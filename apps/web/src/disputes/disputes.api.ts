import { api } from '../api/client';

export type DisputeRecordType = 'statement' | 'loan' | 'public_record';
export const DISPUTE_RECORD_TYPES: readonly DisputeRecordType[] = ['statement', 'loan', 'public_record'];

export type Dispute = {
  id: string;
  enterpriseId: string;
  memberId: string;
  recordType: DisputeRecordType;
  recordId: string;
  reason: string;
  status: 'open' | 'corrected' | 'upheld';
  raisedAt: string;
  dueAt: string;
  reply: string | null;
  answeredAt: string | null;
  deadlineState: 'answered' | 'on_time' | 'reminder' | 'overdue';
};

/** The member is taken from the record (the one that submitted it), so the enterprise names only the record. */
export type DisputeDraft = {
  memberId?: string;
  recordType: DisputeRecordType;
  recordId: string;
  reason: string;
};

export function listDisputes(signal?: AbortSignal): Promise<Dispute[]> {
  return api.get<{ items: Dispute[] }>('/access/disputes', { signal }).then((body) => body.items);
}

export function raiseDispute(draft: DisputeDraft): Promise<Dispute> {
  return api.post<Dispute>('/access/disputes', draft);
}
