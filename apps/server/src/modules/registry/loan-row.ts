/** The columns of a loan row as the registry's reads select them (`loans l JOIN members m`). */
export const LOAN_COLUMNS = `l.id::text, l.member_id, m.name AS member_name, l.loan_ref, l.product, l.principal_fen,
  to_char(l.granted_on, 'YYYY-MM-DD') AS granted_on, to_char(l.maturity_on, 'YYYY-MM-DD') AS maturity_on,
  to_char(l.as_of, 'YYYY-MM-DD') AS as_of, l.outstanding_fen, l.days_past_due, l.status,
  to_char(l.default_on, 'YYYY-MM-DD') AS default_on`;

/** A row of {@link LOAN_COLUMNS} (bigint amounts arrive as text). */
export type LoanRow = {
  id: string;
  member_id: string;
  member_name: string;
  loan_ref: string;
  product: string;
  principal_fen: string | number;
  granted_on: string;
  maturity_on: string | null;
  as_of: string;
  outstanding_fen: string | number;
  days_past_due: number;
  status: string;
  default_on: string | null;
};

/** A loan row as the registry's reads return it (amounts in integer fen). */
export function toLoanRecord(row: LoanRow) {
  return {
    id: row.id,
    memberId: row.member_id,
    memberName: row.member_name,
    loanRef: row.loan_ref,
    product: row.product,
    principalFen: Number(row.principal_fen),
    grantedOn: row.granted_on,
    maturityOn: row.maturity_on,
    asOf: row.as_of,
    outstandingFen: Number(row.outstanding_fen),
    daysPastDue: row.days_past_due,
    status: row.status,
    defaultOn: row.default_on,
  };
}
