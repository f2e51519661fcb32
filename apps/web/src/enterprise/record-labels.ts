import type { TFunction } from 'i18next';
import type { DisputeRecordType } from '../disputes/disputes.api';
import type { Formatters } from '../i18n';
import type { EnterpriseRecords } from './records.api';

export type RecordInfo = { label: string; memberName: string };

/** How a person recognises each record: a statement by its period, a loan and a public record by reference. */
export function recordIndex(
  records: EnterpriseRecords | undefined,
  t: TFunction,
  f: Formatters,
): Map<string, RecordInfo> {
  const index = new Map<string, RecordInfo>();
  const key = (type: DisputeRecordType, id: string) => `${type}:${id}`;
  for (const statement of records?.statements ?? []) {
    index.set(key('statement', statement.id), {
      label: t('credit.statements.period', { date: f.date(statement.periodEnd) }),
      memberName: statement.memberName,
    });
  }
  for (const loan of records?.loans ?? []) {
    index.set(key('loan', loan.id), { label: loan.loanRef, memberName: loan.memberName });
  }
  for (const record of records?.publicRecords ?? []) {
    index.set(key('public_record', record.id), { label: record.referenceNo, memberName: record.memberName });
  }
  return index;
}
