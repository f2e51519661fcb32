import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { EmptyState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import type { ReportLoan, ReportPublicRecord, ReportStatement } from './credit.api';
import { formatFeatureValue } from './feature-text';

/** What the UI needs to know of a record's dispute state, whichever field the API sends. */
export type DisputeFlags = { disputed: boolean; underDispute?: boolean; explanation?: string | null };

export function isUnderDispute(record: DisputeFlags): boolean {
  return record.underDispute === true || record.disputed;
}

/** "Under dispute" with the explanation the enterprise attached, if any. */
export function DisputeMarks({ record }: { record: DisputeFlags }) {
  const { t } = useTranslation();
  return (
    <>
      {isUnderDispute(record) ? (
        <span className="cell-sub">
          <Badge tone="warning">{t('credit.dispute.badge')}</Badge>{' '}
          <span className="muted">{t('credit.dispute.badgeHint')}</span>
        </span>
      ) : null}
      {record.explanation ? (
        <span className="cell-sub">
          {t('credit.dispute.explanation')}: <DataText>{record.explanation}</DataText>
        </span>
      ) : null}
    </>
  );
}

type DisputeAction<Row> = { label: string; onDispute: (row: Row) => void } | undefined;

function disputeColumn<Row extends DisputeFlags>(action: DisputeAction<Row>, header: string) {
  return (
    action && {
      key: 'action',
      header,
      cell: (row: Row) =>
        isUnderDispute(row) ? null : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => action.onDispute(row)}
          >
            {action.label}
          </button>
        ),
    }
  );
}

/** The latest statements' key ratios, each placed at its percentile among peers. */
export function StatementsSection({
  statements,
  dispute,
}: {
  statements: ReportStatement[];
  dispute?: DisputeAction<ReportStatement>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (statements.length === 0) return <EmptyState title={t('credit.statements.empty')} />;
  return (
    <>
      {statements.map((statement) => (
        <div key={statement.periodEnd} className="statement">
          <div className="section-heading">
            <h4 className="card__title">
              {t('credit.statements.period', { date: f.date(statement.periodEnd) })}
            </h4>
            <DisputeMarks record={statement} />
            {dispute && !isUnderDispute(statement) ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => dispute.onDispute(statement)}
              >
                {dispute.label}
              </button>
            ) : null}
          </div>
          <p className="muted">
            {statement.peerGroup.level === 'none'
              ? t('credit.statements.noPeers')
              : t(`credit.statements.peers.${statement.peerGroup.level}`, {
                  count: f.integer(statement.peerGroup.count),
                })}
          </p>
          <DataTable
            caption={t('credit.statements.period', { date: f.date(statement.periodEnd) })}
            rows={statement.ratios}
            rowKey={(ratio) => ratio.id}
            columns={[
              { key: 'ratio', header: t('credit.statements.ratio'), cell: (ratio) => f.localized(ratio) },
              {
                key: 'value',
                header: t('credit.statements.value'),
                numeric: true,
                cell: (ratio) => formatFeatureValue(`fin_${ratio.id}`, ratio.value, t, f),
              },
              {
                key: 'percentile',
                header: t('credit.statements.percentile'),
                numeric: true,
                cell: (ratio) =>
                  ratio.percentile === null
                    ? '—'
                    : t('credit.statements.percentileValue', { value: f.number(ratio.percentile, 0) }),
              },
            ]}
          />
        </div>
      ))}
    </>
  );
}

export function LoansSection({
  loans,
  dispute,
}: {
  loans: ReportLoan[];
  dispute?: DisputeAction<ReportLoan>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (loans.length === 0) return <EmptyState title={t('credit.loans.empty')} />;
  return (
    <DataTable
      caption={t('credit.loans.title')}
      rows={loans}
      rowKey={(loan) => `${loan.lender}|${loan.loanRef}`}
      columns={[
        {
          key: 'lender',
          header: t('credit.loans.lender'),
          cell: (loan) => (
            <>
              {loan.lenderDisclosed ? <DataText>{loan.lender}</DataText> : t('credit.loans.undisclosed')}
              <span className="cell-sub">
                <DataText>{loan.loanRef}</DataText>
              </span>
              <DisputeMarks record={loan} />
            </>
          ),
        },
        {
          key: 'product',
          header: t('credit.loans.product'),
          cell: (loan) =>
            t(`credit.loans.products.${loan.product}` as 'credit.loans.products.working_capital', {
              defaultValue: loan.product,
            }),
        },
        {
          key: 'principal',
          header: t('credit.loans.principal'),
          numeric: true,
          cell: (loan) => f.wanYuan(loan.principalFen),
        },
        {
          key: 'granted',
          header: t('credit.loans.granted'),
          cell: (loan) => f.date(loan.grantedOn),
          className: 'nowrap',
        },
        {
          key: 'maturity',
          header: t('credit.loans.maturity'),
          cell: (loan) => f.date(loan.maturityOn),
          className: 'nowrap',
        },
        {
          key: 'status',
          header: t('credit.loans.status'),
          cell: (loan) => (
            <Badge tone={loan.defaultOn ? 'danger' : loan.daysPastDue > 0 ? 'warning' : 'neutral'}>
              {t(`credit.loans.statuses.${loan.status}` as 'credit.loans.statuses.closed', {
                defaultValue: loan.status,
              })}
            </Badge>
          ),
        },
        {
          key: 'outstanding',
          header: t('credit.loans.outstanding'),
          numeric: true,
          cell: (loan) => f.wanYuan(loan.outstandingFen),
        },
        {
          key: 'dpd',
          header: t('credit.loans.maxDaysPastDue'),
          numeric: true,
          cell: (loan) => f.integer(loan.maxDaysPastDue),
        },
        disputeColumn(dispute, t('credit.dispute.action')),
      ]}
    />
  );
}

export function PublicRecordsSection({
  records,
  dispute,
}: {
  records: ReportPublicRecord[];
  dispute?: DisputeAction<ReportPublicRecord>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (records.length === 0) return <EmptyState title={t('credit.publicRecords.empty')} />;
  return (
    <DataTable
      caption={t('credit.publicRecords.title')}
      rows={records}
      rowKey={(record) => `${record.recordType}|${record.referenceNo}`}
      columns={[
        {
          key: 'type',
          header: t('credit.publicRecords.type'),
          cell: (record) => (
            <>
              {t(
                `credit.publicRecords.types.${record.recordType}` as 'credit.publicRecords.types.court_judgment',
                {
                  defaultValue: record.recordType,
                },
              )}
              <span className="cell-sub">
                <DataText>{record.referenceNo}</DataText>
              </span>
              <DisputeMarks record={record} />
            </>
          ),
        },
        {
          key: 'authority',
          header: t('credit.publicRecords.authority'),
          cell: (record) => <DataText>{record.authority}</DataText>,
        },
        {
          key: 'decided',
          header: t('credit.publicRecords.decidedOn'),
          cell: (record) => f.date(record.decidedOn),
          className: 'nowrap',
        },
        {
          key: 'ended',
          header: t('credit.publicRecords.endedOn'),
          cell: (record) => f.date(record.endedOn),
          className: 'nowrap',
        },
        {
          key: 'amount',
          header: t('credit.publicRecords.amount'),
          numeric: true,
          cell: (record) => f.wanYuan(record.amountFen),
        },
        disputeColumn(dispute, t('credit.dispute.action')),
      ]}
    />
  );
}
