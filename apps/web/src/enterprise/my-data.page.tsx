import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useKnownMembers } from '../consent/known-members';
import {
  getCreditReport,
  type ReportLoan,
  type ReportPublicRecord,
  type ReportStatement,
} from '../credit/credit.api';
import { LoansSection, PublicRecordsSection, StatementsSection } from '../credit/report-sections';
import { DisputeForm } from '../disputes/dispute-form';
import type { DisputeDraft } from '../disputes/disputes.api';
import { useFormat } from '../i18n';
import { industryGroupLabel } from '../registry/labels';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { useOwnCreditCode } from './own-enterprise';

/** Fields a registry record DTO may carry (newer servers): its row id and the member that submitted it. */
type RecordKeys = { id?: string; recordId?: string; memberId?: string };

type DisputeTarget = { draft: Partial<DisputeDraft>; label: string };

/** My data as the registry holds it: profile, statements, loans, public records; disputes start here. */
export default function MyDataPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useOwnCreditCode();
  const report = useAsync(
    (signal) => (code.data ? getCreditReport(code.data, {}, signal) : new Promise<never>(() => {})),
    [code.data],
  );
  const members = useKnownMembers(code.data);
  const [target, setTarget] = useState<DisputeTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const memberIdByName = (name: string) => members.data?.find((member) => member.name === name)?.id;
  const openDispute = (target: DisputeTarget) => {
    setNotice(null);
    setTarget(target);
    requestAnimationFrame(() => document.getElementById('dispute-form')?.scrollIntoView({ block: 'start' }));
  };
  const disputeLabel = t('credit.dispute.action');
  const error = code.error ?? report.error;
  const data = report.data;

  return (
    <>
      <PageHeader title={t('enterprise.data.title')} description={t('enterprise.data.description')} />
      {notice ? (
        <p className="notice notice--info" role="status">
          {notice} <Link to="/my/disputes">{t('enterprise.data.seeDisputes')}</Link>
        </p>
      ) : null}
      {error ? (
        <ErrorState error={error} onRetry={code.error ? code.reload : report.reload} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <>
          {target ? (
            <section className="card" id="dispute-form" aria-labelledby="dispute-form-title">
              <h2 id="dispute-form-title" className="card__title">
                {t('disputes.form.title')}
              </h2>
              <p className="card__description">{t('disputes.form.description')}</p>
              {members.error ? (
                <ErrorState error={members.error} onRetry={members.reload} compact />
              ) : !members.data ? (
                <LoadingState />
              ) : (
                <DisputeForm
                  key={target.label}
                  initial={target.draft}
                  recordLabel={target.label}
                  members={members.data}
                  onCancel={() => setTarget(null)}
                  onFiled={() => {
                    setTarget(null);
                    setNotice(t('enterprise.data.disputeFiled'));
                    report.reload();
                  }}
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
                  <DataText>{data.enterprise.name ?? '—'}</DataText>
                </dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.creditCode')}</dt>
                <dd>
                  <code>{data.enterprise.creditCode}</code>
                </dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.industry')}</dt>
                <dd>
                  {data.enterprise.industryGroup ? industryGroupLabel(t, data.enterprise.industryGroup) : '—'}
                </dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.sizeClass')}</dt>
                <dd>
                  {data.enterprise.sizeClass
                    ? t(`sizeClass.${data.enterprise.sizeClass}` as 'sizeClass.small', {
                        defaultValue: data.enterprise.sizeClass,
                      })
                    : '—'}
                </dd>
              </div>
              <div>
                <dt>{t('registry.enterprise.province')}</dt>
                <dd>{data.enterprise.provinceName ? f.localized(data.enterprise.provinceName) : '—'}</dd>
              </div>
              <div>
                <dt>{t('enterprise.data.employees')}</dt>
                <dd>{f.integer(data.enterprise.employees)}</dd>
              </div>
              <div>
                <dt>{t('enterprise.data.revenue')}</dt>
                <dd>{f.wanYuan(data.enterprise.annualRevenueFen)}</dd>
              </div>
              <div>
                <dt>{t('enterprise.data.assets')}</dt>
                <dd>{f.wanYuan(data.enterprise.totalAssetsFen)}</dd>
              </div>
            </dl>
            <p className="field__hint">{t('enterprise.data.openDisputes', { count: data.openDisputes })}</p>
          </section>

          <section className="card" aria-labelledby="statements-title">
            <h2 id="statements-title" className="card__title">
              {t('credit.statements.title')}
            </h2>
            <StatementsSection
              statements={data.statements}
              dispute={{
                label: disputeLabel,
                onDispute: (statement: ReportStatement & RecordKeys) =>
                  openDispute({
                    label: t('credit.statements.period', { date: f.date(statement.periodEnd) }),
                    draft: {
                      recordType: 'statement',
                      recordId: statement.id ?? statement.recordId ?? statement.periodEnd,
                      memberId: statement.memberId,
                    },
                  }),
              }}
            />
          </section>

          <section className="card" aria-labelledby="loans-title">
            <h2 id="loans-title" className="card__title">
              {t('credit.loans.title')}
            </h2>
            <LoansSection
              loans={data.loans}
              dispute={{
                label: disputeLabel,
                onDispute: (loan: ReportLoan & RecordKeys) =>
                  openDispute({
                    label: `${loan.lender} · ${loan.loanRef}`,
                    draft: {
                      recordType: 'loan',
                      recordId: loan.id ?? loan.recordId ?? loan.loanRef,
                      memberId: loan.memberId ?? memberIdByName(loan.lender),
                    },
                  }),
              }}
            />
          </section>

          <section className="card" aria-labelledby="records-title">
            <h2 id="records-title" className="card__title">
              {t('credit.publicRecords.title')}
            </h2>
            <PublicRecordsSection
              records={data.publicRecords}
              dispute={{
                label: disputeLabel,
                onDispute: (record: ReportPublicRecord & RecordKeys) =>
                  openDispute({
                    label: `${record.authority} · ${record.referenceNo}`,
                    draft: {
                      recordType: 'public_record',
                      recordId: record.id ?? record.recordId ?? record.referenceNo,
                      memberId: record.memberId,
                    },
                  }),
              }}
            />
          </section>
        </>
      )}
    </>
  );
}
