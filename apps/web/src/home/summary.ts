import type { MemberQuality } from '../api/types';

export type QualityTotals = {
  submissions: number;
  rowsAccepted: number;
  rowsRejected: number;
  acceptance: number | null;
};

/** Sums a member's (or all members') figures over kinds. */
export function qualityTotals(members: MemberQuality[]): QualityTotals {
  let submissions = 0;
  let rowsAccepted = 0;
  let rowsRejected = 0;
  for (const member of members) {
    for (const kind of member.kinds) {
      submissions += kind.submissions;
      rowsAccepted += kind.rowsAccepted;
      rowsRejected += kind.rowsRejected;
    }
  }
  const rows = rowsAccepted + rowsRejected;
  return { submissions, rowsAccepted, rowsRejected, acceptance: rows > 0 ? rowsAccepted / rows : null };
}
