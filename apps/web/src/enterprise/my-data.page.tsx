import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DisputeMarks } from '../credit/report-sections';
import { DisputeForm, MAX_TEXT, MIN_TEXT, type RecordTarget, RecordTextForm } from '../disputes/dispute-form';
import { useFormat } from '../i18n';
import { industryGroupLabel } from '../registry/labels';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { useOwnCreditCode } from './own-enterprise';
import { explainRecord, getEnterpriseRecords } from './records.api';

type Action = { kind: 'dispute' | 'explain'; target: RecordTarget };
type Annotated = { id: string; underDispute: boolean; explanation: string | null };

/** My data as the registry holds it: profile, statements, loans, public records; disputes start here. */
export default function MyDataPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useOwnCreditCode();
  const records = useAsync(
    (signal) => (code.data ? getEnterpriseRecords(code.data, signal) : new Promise<never>(() => {})),
    [code.data],
  );
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);

  const open = (next: Action) => {
    setNotice(null);
    setAction(next);
    requestAnimationFrame(() => document.getElementById('record-action')?.scrollIntoView({ block: 'start' }));
  };
  const done = (message: ReactNode) => {
    setAction(null);
    setNotice(message);
    records.reload();
  };

  /** The actions on one record: dispute it (unless a dispute is open) and explain it. */
  const actions = (record: Annotated, target: Omit<RecordTarget, 'recordId'>) => (
    <div className="row-actions">
      {record.underDispute ? null : (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => open({ kind: 'dispute', target: { ...target, recordId: record.id } })}
        >
          {t('credit.dispute.action')}
          <span className="visually-hidden">
            {' '}
            <DataText>{target.label}</DataText>
          </span>
        </button>
      )}
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => open({ kind: 'explain', target: { ...target, recordId: record.id } })}
      >
        {record.explanation ? t('enterprise.data.editExplanation') : t('enterprise.data.explain')}
        <span className="visually-hidden">
          {' '}
          <DataText>{target.label}</DataText>
        </span>
      </button>
    </div>
  );
  const marks = (record: Annotated) => (
    <DisputeMarks record={{ disputed: record.underDispute, explanation: record.explanation }} />
  );

  const error = code.error ?? records.error;
  const data = records.data;
  const statements = data?.statements ?? [];
  const loans = data?.loans ?? [];
  const publicRecords = data?.publicRecords ?? [];

  return (
    <>
      <PageHeader title={t('enterprise.data.title')} description={t('enterprise.data.description')} />
      {notice ? (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <ErrorState error={error} onRetry={code.error ? code.reload : records.reload} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <>
          {action ? (
            <section className="card" id="record-action" aria-labelledby="record-action-title">
              <h2 id="record-action-title" className="card__title">
                {action.kind === 'dispute' ? t('disputes.form.title') : t('enterprise.data.explainTitle')}
              </h2>
              <p className="card__description">
                {action.kind === 'dispute'
                  ? t('disputes.form.description')
                  : t('enterprise.data.explainDescription')}
              </p>
              {action.kind === 'dispute' ? (
                <DisputeForm
                  key={`${action.target.recordType}:${action.target.recordId}`}
                  target={action.target}
                  onCancel={() => setAction(null)}
                  onFiled={(dispute) =>
                    done(
                      <>
                        {t('enterprise.data.disputeFiled', { date: f.date(dispute.dueAt) })}{' '}
                        <Link to="/my/disputes">{t('enterprise.data.seeDisputes')}</Link>
                      </>,
                    )
                  }
                />
              ) : (
                <RecordTextForm
                  key={`explain:${action.target.recordType}:${action.target.recordId}`}
                  target={action.target}
                  title={t('enterprise.data.explainTitle')}
                  label={t('enterprise.data.explanation')}
                  hint={t('enterprise.data.explanationHint', { min: MIN_TEXT, max: MAX_TEXT })}
                  submitLabel={t('enterprise.data.saveExplanation')}
                  sendingLabel={t('disputes.form.sending')}
                  send={async (text) => {
                    await explainRecord(action.target.recordType, action.target.recordId, text);
                    done(t('enterprise.data.explanationSaved'));
                  }}
                  onCancel={() => setAction(null)}
                />
              )}
            </section>
          ) : null}

          <section className="card" aria-labelledby="profile-title">
            <h2 id="profile-title" className="card__title">
              {t('enterprise.data.profile')}
            </h2>
            <dl className="profile">
              <div>
                <dt>{t('registry.enterprise.name')}</dt>
                <dd>
                  <DataText>{data.name ?? '—'}</DataText>
                </dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.creditCode')}</dt>
                <dd>
                  <code>{data.creditCode}</code>
                </dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.industry')}</dt>
                <dd>{data.industryGroup ? industryGroupLabel(t, data.industryGroup) : '—'}</dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.sizeClass')}</dt>
                <dd>{data.sizeClass ? t(`sizeClass.${data.sizeClass}`) : '—'}</dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.province')}</dt>
                <dd>{data.provinceName ? f.localized(data.provinceName) : '—'}</dd>
              </div>
              <div>
                <dt>{t('enterprise.data.employees')}</dt>
                <dd>{f.integer(data.employees)}</dd>
              </div>
              <div>
                <dt>{t('enterprise.data.revenue')}</dt>
                <dd>{f.wanYuan(data.annualRevenueFen)}</dd>
              </div>
              <div>
                <dt>{t('enterprise.data.assets')}</dt>
                <dd>{f.wanYuan(data.totalAssetsFen)}</dd>
              </div>
            </dl>
          </section>

          <section className="card" aria-labelledby="statements-title">
            <h2 id="statements-title" className="card__title">
              {t('enterprise.data.statements')}
            </h2>
            {statements.length === 0 ? (
              <EmptyState title={t('credit.statements.empty')} />
            ) : (
              <DataTable
                caption={t('enterprise.data.statements')}
                rows={statements}
                rowKey={(statement) => statement.id}
                columns={[
                  {
                    key: 'period',
                    header: t('enterprise.data.period'),
                    cell: (statement) => (
                      <>
                        {t('credit.statements.period', { date: f.date(statement.periodEnd) })}
                        {marks(statement)}
                      </>
                    ),
                  },
                  {
                    key: 'revenue',
                    header: t('enterprise.data.revenue'),
                    numeric: true,
                    // Line 1 of the income statement (营业收入) and line 30 of the balance sheet (资产总计).
                    cell: (statement) => f.wanYuan(statement.lines.is_01 ?? null),
                  },
                  {
                    key: 'assets',
                    header: t('enterprise.data.assets'),
                    numeric: true,
                    cell: (statement) => f.wanYuan(statement.lines.bs_30 ?? null),
                  },
                  {
                    key: 'member',
                    header: t('enterprise.data.submittedBy'),
                    cell: (statement) => <DataText>{statement.memberName}</DataText>,
                  },
                  {
                    key: 'actions',
                    header: t('enterprise.data.actions'),
                    cell: (statement) =>
                      actions(statement, {
                        recordType: 'statement',
                        label: t('credit.statements.period', { date: f.date(statement.periodEnd) }),
                      }),
                  },
                ]}
              />
            )}
            <p className="field__hint">
              <Link to="/my/report">{t('enterprise.data.ratiosInReport')}</Link>
            </p>
          </section>

          <section className="card" aria-labelledby="loans-title">
            <h2 id="loans-title" className="card__title">
              {t('credit.loans.title')}
            </h2>
            {loans.length === 0 ? (
              <EmptyState title={t('credit.loans.empty')} />
            ) : (
              <DataTable
                caption={t('credit.loans.title')}
                rows={loans}
                rowKey={(loan) => loan.id}
                columns={[
                  {
                    key: 'lender',
                    header: t('credit.loans.lender'),
                    cell: (loan) => (
                      <>
                        <DataText>{loan.memberName}</DataText>
                        <span className="cell-sub">
                          <DataText>{loan.loanRef}</DataText>
                        </span>
                        {marks(loan)}
                      </>
                    ),
                  },
                  {
                    key: 'product',
                    header: t('credit.loans.product'),
                    className: 'nowrap',
                    cell: (loan) =>
                      t(`credit.loans.products.${loan.product}` as 'credit.loans.products.other', {
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
                    key: 'term',
                    header: t('enterprise.data.term'),
                    cell: (loan) =>
                      t('consent.range', { from: f.date(loan.grantedOn), to: f.date(loan.maturityOn) }),
                  },
                  {
                    key: 'status',
                    header: t('credit.loans.status'),
                    cell: (loan) => (
                      <>
                        <Badge
                          tone={loan.defaultOn ? 'danger' : loan.daysPastDue > 0 ? 'warning' : 'neutral'}
                        >
                          {t(`credit.loans.statuses.${loan.status}` as 'credit.loans.statuses.closed', {
                            defaultValue: loan.status,
                          })}
                        </Badge>
                        <span className="cell-sub">
                          {t('enterprise.data.asOf', { date: f.date(loan.asOf) })}
                        </span>
                      </>
                    ),
                  },
                  {
                    key: 'outstanding',
                    header: t('credit.loans.outstanding'),
                    numeric: true,
                    cell: (loan) => f.wanYuan(loan.outstandingFen),
                  },
                  {
                    key: 'actions',
                    header: t('enterprise.data.actions'),
                    cell: (loan) => actions(loan, { recordType: 'loan', label: loan.loanRef }),
                  },
                ]}
              />
            )}
          </section>

          <section className="card" aria-labelledby="records-title">
            <h2 id="records-title" className="card__title">
              {t('credit.publicRecords.title')}
            </h2>
            {publicRecords.length === 0 ? (
              <EmptyState title={t('credit.publicRecords.empty')} />
            ) : (
              <DataTable
                caption={t('credit.publicRecords.title')}
                rows={publicRecords}
                rowKey={(record) => record.id}
                columns={[
                  {
                    key: 'type',
                    header: t('credit.publicRecords.type'),
                    cell: (record) => (
                      <>
                        {t(
                          `credit.publicRecords.types.${record.recordType}` as 'credit.publicRecords.types.tax_arrears',
                          { defaultValue: record.recordType },
                        )}
                        <span className="cell-sub">
                          <DataText>{record.referenceNo}</DataText>
                        </span>
                        {marks(record)}
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
                    className: 'nowrap',
                    cell: (record) => f.date(record.decidedOn),
                  },
                  {
                    key: 'amount',
                    header: t('credit.publicRecords.amount'),
                    numeric: true,
                    cell: (record) => f.wanYuan(record.amountFen),
                  },
                  {
                    key: 'member',
                    header: t('enterprise.data.submittedBy'),
                    cell: (record) => <DataText>{record.memberName}</DataText>,
                  },
                  {
                    key: 'actions',
                    header: t('enterprise.data.actions'),
                    cell: (record) =>
                      actions(record, { recordType: 'public_record', label: record.referenceNo }),
                  },
                ]}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
