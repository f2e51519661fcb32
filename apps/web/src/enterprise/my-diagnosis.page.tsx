import { useTranslation } from 'react-i18next';
import { type Diagnosis, getMyDiagnosis, type RepaymentYears } from '../credit/credit.api';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';

const TONE = { strength: 'success', weakness: 'danger', average: 'neutral', unknown: 'neutral' } as const;

/** The enterprise's own diagnosis: ten categories against peers, A–E, and advice. Free, never scored. */
export default function MyDiagnosisPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const diagnosis = useAsync((signal) => getMyDiagnosis(signal), []);
  const { data, error, reload } = diagnosis;
  return (
    <>
      <PageHeader
        title={t('enterprise.diagnosis.title')}
        description={t('enterprise.diagnosis.description')}
      />
      <section className="card">
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.periodEnd === null ? (
          <EmptyState title={t('enterprise.diagnosis.empty')}>
            {t('enterprise.diagnosis.emptyHint')}
          </EmptyState>
        ) : (
          <>
            <p className="muted">
              {t('enterprise.diagnosis.basis', { date: f.date(data.periodEnd) })}{' '}
              {data.peerGroup.level === 'none'
                ? t('credit.statements.noPeers')
                : t(`credit.statements.peers.${data.peerGroup.level}`, {
                    count: f.integer(data.peerGroup.count),
                  })}
            </p>
            <DataTable
              caption={t('enterprise.diagnosis.title')}
              rows={data.categories}
              rowKey={(category) => category.id}
              columns={[
                {
                  key: 'category',
                  header: t('enterprise.diagnosis.category'),
                  cell: (category) => f.localized(category),
                },
                {
                  key: 'assessment',
                  header: t('enterprise.diagnosis.assessment'),
                  cell: (category) => (
                    <Badge tone={TONE[category.assessment]}>
                      {t(`enterprise.diagnosis.assessments.${category.assessment}`)}
                    </Badge>
                  ),
                },
                {
                  key: 'rank',
                  header: t('enterprise.diagnosis.rank'),
                  cell: (category) => category.rank ?? '—',
                },
                {
                  key: 'deviation',
                  header: t('enterprise.diagnosis.deviation'),
                  numeric: true,
                  cell: (category) => f.number(category.deviationScore, 0),
                },
                {
                  key: 'advice',
                  header: t('enterprise.diagnosis.advice'),
                  cell: (category) =>
                    category.advice ? f.localized(category.advice) : t('enterprise.diagnosis.noAdvice'),
                },
              ]}
            />
            <p className="field__hint">{t('enterprise.diagnosis.deviationHint')}</p>
          </>
        )}
      </section>
      {data && data.periodEnd !== null ? <FundingNeeds diagnosis={data} /> : null}
    </>
  );
}

/** Working capital need and years to repay debt, with advice: how much money trading ties up, how long debt takes. */
function FundingNeeds({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { workingCapitalNeed: need, debtRepayment: debt } = diagnosis;
  const years = (form: RepaymentYears | null) =>
    form === null
      ? t('enterprise.diagnosis.funding.noCashFlow')
      : form.repayable
        ? t('enterprise.diagnosis.funding.years', { value: f.number(form.years, 1) })
        : t('enterprise.diagnosis.funding.cannotRepay');
  return (
    <section className="card" aria-labelledby="diagnosis-funding">
      <h2 id="diagnosis-funding" className="card__title">
        {t('enterprise.diagnosis.funding.title')}
      </h2>
      {need ? (
        <>
          <h3>{t('enterprise.diagnosis.funding.workingCapital')}</h3>
          <dl className="profile">
            <div>
              <dt>{t('enterprise.diagnosis.funding.need')}</dt>
              <dd>{f.wanYuan(need.amountFen)}</dd>
            </div>
            <div>
              <dt>{t('enterprise.diagnosis.funding.receivables')}</dt>
              <dd>{f.wanYuan(need.receivablesFen)}</dd>
            </div>
            <div>
              <dt>{t('enterprise.diagnosis.funding.inventories')}</dt>
              <dd>{f.wanYuan(need.inventoriesFen)}</dd>
            </div>
            <div>
              <dt>{t('enterprise.diagnosis.funding.payables')}</dt>
              <dd>{f.wanYuan(need.payablesFen)}</dd>
            </div>
            <div>
              <dt>{t('enterprise.diagnosis.funding.months')}</dt>
              <dd>
                {need.monthsOfSales === null
                  ? t('enterprise.diagnosis.funding.noSales')
                  : t('enterprise.diagnosis.funding.monthsValue', { value: f.number(need.monthsOfSales, 1) })}
              </dd>
            </div>
          </dl>
          <p>{f.localized(need.advice)}</p>
          <p className="field__hint">{t('enterprise.diagnosis.funding.needHint')}</p>
        </>
      ) : null}
      {debt ? (
        <>
          <h3>{t('enterprise.diagnosis.funding.repayment')}</h3>
          <dl className="profile">
            <div>
              <dt>{t('enterprise.diagnosis.funding.debt')}</dt>
              <dd>{f.wanYuan(debt.interestBearingDebtFen)}</dd>
            </div>
            <div>
              <dt>{t('enterprise.diagnosis.funding.fromEarnings')}</dt>
              <dd>{years(debt.earnings)}</dd>
            </div>
            <div>
              <dt>{t('enterprise.diagnosis.funding.fromCashFlow')}</dt>
              <dd>{years(debt.operatingCashFlow)}</dd>
            </div>
          </dl>
          <p>{f.localized(debt.advice)}</p>
          <p className="field__hint">{t('enterprise.diagnosis.funding.repaymentHint')}</p>
        </>
      ) : null}
    </section>
  );
}
