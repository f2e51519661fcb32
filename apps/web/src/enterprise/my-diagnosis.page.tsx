import { useTranslation } from 'react-i18next';
import { getMyDiagnosis } from '../credit/credit.api';
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
    </>
  );
}
