import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useOwnCreditCode } from '../enterprise/own-enterprise';
import { recordIndex } from '../enterprise/record-labels';
import { getEnterpriseRecords } from '../enterprise/records.api';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Badge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { type Dispute, listDisputes } from './disputes.api';

const STATUS_TONE = { open: 'info', corrected: 'success', upheld: 'neutral' } as const;
const DEADLINE_TONE = {
  answered: 'neutral',
  on_time: 'success',
  reminder: 'warning',
  overdue: 'danger',
} as const;

/** My disputes: what the enterprise flagged, by when the member must answer, and the answer. */
export default function DisputesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const disputes = useAsync((signal) => listDisputes(signal), []);
  // The records, to name each disputed one as the enterprise knows it (a period, a loan reference).
  const code = useOwnCreditCode();
  const records = useAsync(
    (signal) => (code.data ? getEnterpriseRecords(code.data, signal) : new Promise<never>(() => {})),
    [code.data],
  );
  const index = recordIndex(records.data, t, f);
  const { data, error, reload } = disputes;
  return (
    <>
      <PageHeader
        title={t('disputes.title')}
        description={t('disputes.description')}
        actions={
          <Link className="button button--primary" to="/my/data">
            {t('disputes.fileFromData')}
          </Link>
        }
      />
      <section className="card">
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.length === 0 ? (
          <EmptyState title={t('disputes.empty')}>{t('disputes.emptyHint')}</EmptyState>
        ) : (
          <DataTable
            caption={t('disputes.title')}
            rows={data}
            rowKey={(dispute: Dispute) => dispute.id}
            columns={[
              {
                key: 'record',
                header: t('disputes.columns.record'),
                cell: (dispute) => (
                  <>
                    {t(`disputes.recordTypes.${dispute.recordType}`)}
                    <span className="cell-sub">
                      <DataText>
                        {index.get(`${dispute.recordType}:${dispute.recordId}`)?.label ?? dispute.recordId}
                      </DataText>
                    </span>
                    {index.has(`${dispute.recordType}:${dispute.recordId}`) ? (
                      <span className="cell-sub">
                        <DataText>
                          {index.get(`${dispute.recordType}:${dispute.recordId}`)?.memberName}
                        </DataText>
                      </span>
                    ) : null}
                  </>
                ),
              },
              {
                key: 'reason',
                header: t('disputes.columns.reason'),
                cell: (dispute) => <DataText>{dispute.reason}</DataText>,
              },
              {
                key: 'raised',
                header: t('disputes.columns.raisedAt'),
                cell: (dispute) => f.date(dispute.raisedAt),
                className: 'nowrap',
              },
              {
                key: 'deadline',
                header: t('disputes.columns.deadline'),
                cell: (dispute) => (
                  <>
                    {f.date(dispute.dueAt)}
                    <span className="cell-sub">
                      <Badge tone={DEADLINE_TONE[dispute.deadlineState]}>
                        {t(`disputes.deadline.${dispute.deadlineState}`)}
                      </Badge>
                    </span>
                  </>
                ),
              },
              {
                key: 'status',
                header: t('disputes.columns.status'),
                cell: (dispute) => (
                  <Badge tone={STATUS_TONE[dispute.status]}>{t(`disputes.status.${dispute.status}`)}</Badge>
                ),
              },
              {
                key: 'answer',
                header: t('disputes.columns.answer'),
                cell: (dispute) =>
                  dispute.reply ? (
                    <>
                      <DataText>{dispute.reply}</DataText>
                      <span className="cell-sub">{f.dateTime(dispute.answeredAt)}</span>
                    </>
                  ) : (
                    <span className="muted">{t('disputes.noAnswer')}</span>
                  ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
