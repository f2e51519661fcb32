import './models.css';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../access/session';
import { StatTiles } from '../home/stat-tiles';
import { useFormat } from '../i18n';
import { DataText } from '../ui/data-text';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { CalibrationChart, PsiOverTimeChart, RocChart, ScoreDistributionChart } from './model-charts';
import {
  getModel,
  getMonitoring,
  listPromotionRequests,
  type ModelDetail,
  psiDates,
  requestPromotion,
} from './models.api';
import { PointsTableView } from './points-table';
import { PromotionRequestCard } from './promotion-panel';
import { ModelStatusBadge } from './status';

function RequestPromotionForm({ modelId, onRequested }: { modelId: string; onRequested: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSending(true);
    setError(null);
    try {
      await requestPromotion(modelId, reason);
      setReason('');
      onRequested();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSending(false);
    }
  }

  return (
    <form className="models-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('models.promotion.reason')}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={500}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setReason(event.target.value)}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('models.promotion.requestHint')}
        </p>
      </div>
      <button type="submit" className="button button--primary" disabled={isSending}>
        {isSending ? t('models.promotion.requesting') : t('models.promotion.request')}
      </button>
      {error ? <ErrorState error={error} compact /> : null}
    </form>
  );
}

function PromotionSection({ model, onChanged }: { model: ModelDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const requests = useAsync((signal) => listPromotionRequests({ modelId: model.id }, signal), [model.id]);
  const reload = () => {
    requests.reload();
    onChanged();
  };
  const hasPending = requests.data?.some((request) => request.status === 'pending') ?? false;
  const mayRequest =
    can('models.train') && model.status === 'challenger' && model.source === 'registry' && !hasPending;
  return (
    <section className="card" aria-labelledby="promotion-title">
      <h2 className="card__title" id="promotion-title">
        {t('models.promotion.title')}
      </h2>
      <p className="card__description">{t('models.promotion.description')}</p>
      {model.source === 'csv' ? (
        <p className="notice notice--info">{t('models.promotion.csvModel')}</p>
      ) : null}
      {model.status === 'champion' ? (
        <p className="notice notice--info">{t('models.promotion.isChampion')}</p>
      ) : null}
      {requests.isLoading && !requests.data ? (
        <LoadingState />
      ) : requests.error ? (
        <ErrorState error={requests.error} onRetry={requests.reload} />
      ) : requests.data && requests.data.length > 0 ? (
        requests.data.map((request) => (
          <PromotionRequestCard key={request.id} request={request} onDecided={reload} />
        ))
      ) : (
        <EmptyState title={t('models.promotion.none')} />
      )}
      {mayRequest ? <RequestPromotionForm modelId={model.id} onRequested={reload} /> : null}
    </section>
  );
}

/** True once the element has come near the viewport (or `start` was called): work below the fold waits. */
function useWhenVisible<T extends Element>(): [React.RefObject<T | null>, boolean, () => void] {
  const ref = useRef<T>(null);
  const [isVisible, setIsVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || isVisible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setIsVisible(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isVisible]);
  return [ref, isVisible, () => setIsVisible(true)];
}

/**
 * PSI of the score at quarter ends since training and today, one monitoring call per date. Each call scores
 * the whole population as of its date, so the series is measured only when the section is scrolled to (or
 * asked for), not with the page's first load.
 */
function PsiSection({ model }: { model: ModelDetail }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [ref, isWanted, start] = useWhenVisible<HTMLElement>();
  const series = useAsync(
    async (signal) => {
      if (!isWanted) return null;
      const points: Array<{ asOf: string; psi: number }> = [];
      for (const asOf of psiDates(model.asOf, today)) {
        const monitoring = await getMonitoring({ modelId: model.id, asOf }, signal);
        points.push({ asOf: monitoring.asOf, psi: monitoring.scorePsi });
      }
      return points;
    },
    [model.id, model.asOf, today, isWanted],
  );
  return (
    <section className="card" aria-labelledby="psi-title" ref={ref}>
      <h2 className="card__title" id="psi-title">
        {t('models.charts.psiTitle')}
      </h2>
      <p className="card__description">{t('models.charts.psiDescription')}</p>
      {!isWanted ? (
        <button type="button" className="button button--secondary" onClick={start}>
          {t('models.charts.psiMeasure')}
        </button>
      ) : series.isLoading && !series.data ? (
        <LoadingState label={t('models.charts.psiLoading')} />
      ) : series.error ? (
        <ErrorState error={series.error} onRetry={series.reload} />
      ) : series.data && series.data.length > 0 ? (
        <PsiOverTimeChart points={series.data} />
      ) : (
        <EmptyState title={t('models.charts.psiEmpty')} />
      )}
    </section>
  );
}

function ValidationSection({ model }: { model: ModelDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const charts = model.validationReport.charts;
  if (!charts) {
    return <EmptyState title={t('models.charts.none')}>{t('models.charts.noneBody')}</EmptyState>;
  }
  return (
    <>
      <p className="card__description">
        {t('models.charts.sample', { n: f.integer(charts.n), events: f.integer(charts.events) })}
      </p>
      <div className="models-charts">
        <section className="card" aria-labelledby="roc-title">
          <h3 className="card__title" id="roc-title">
            {t('models.charts.rocTitle')}
          </h3>
          <RocChart roc={charts.roc} />
        </section>
        <section className="card" aria-labelledby="dist-title">
          <h3 className="card__title" id="dist-title">
            {t('models.charts.distributionTitle')}
          </h3>
          <ScoreDistributionChart histogram={charts.scoreHistogram} />
        </section>
        <section className="card" aria-labelledby="calibration-title">
          <h3 className="card__title" id="calibration-title">
            {t('models.charts.calibrationTitle')}
          </h3>
          <CalibrationChart calibration={charts.calibration} />
        </section>
      </div>
    </>
  );
}

/** One model's validation: metrics, charts, the points table, PSI over time and its promotion. */
export default function ModelDetailPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const { id = '' } = useParams();
  const { data: model, error, isLoading, reload } = useAsync((signal) => getModel(id, signal), [id]);
  const breadcrumb = <Link to="/models">{t('models.title')}</Link>;

  if (isLoading && !model) {
    return (
      <>
        <PageHeader title={t('models.detailTitle')} breadcrumb={breadcrumb} />
        <LoadingState />
      </>
    );
  }
  if (error || !model) {
    return (
      <>
        <PageHeader title={t('models.detailTitle')} breadcrumb={breadcrumb} />
        <ErrorState error={error} onRetry={reload} />
      </>
    );
  }
  const name = t('models.modelName', { kind: t(`models.kind.${model.kind}`), version: model.version });
  return (
    <div className="models-stack">
      <PageHeader
        title={name}
        breadcrumb={breadcrumb}
        description={
          <>
            <ModelStatusBadge status={model.status} />{' '}
            {model.source === 'registry'
              ? t('models.trainedOn', {
                  asOf: f.date(model.asOf),
                  horizon: model.horizonMonths ?? 12,
                  at: f.dateTime(model.createdAt),
                })
              : t('models.source.csv')}
          </>
        }
      />
      <StatTiles
        label={t('models.metricsLabel')}
        tiles={[
          { label: 'AUC', value: f.number(model.metrics?.auc, 3) },
          { label: 'Gini', value: f.number(model.metrics?.gini, 3) },
          { label: 'KS', value: f.number(model.metrics?.ks, 3) },
          { label: 'Brier', value: f.number(model.metrics?.brier, 4) },
          { label: t('models.columns.validationRows'), value: f.integer(model.metrics?.n) },
          { label: t('models.columns.features'), value: f.integer(model.features.length) },
        ]}
      />
      <section className="card" aria-labelledby="validation-title">
        <h2 className="card__title" id="validation-title">
          {t('models.charts.title')}
        </h2>
        <ValidationSection model={model} />
      </section>
      {can('models.monitor') && model.source === 'registry' ? <PsiSection model={model} /> : null}
      <PromotionSection model={model} onChanged={reload} />
      <section className="card" aria-labelledby="points-title">
        <h2 className="card__title" id="points-title">
          {t('models.points.title')}
        </h2>
        <p className="card__description">{t('models.points.description')}</p>
        <PointsTableView model={model.model} />
      </section>
      {model.validationReport.notes && model.validationReport.notes.length > 0 ? (
        <section className="card" aria-labelledby="notes-title">
          <h2 className="card__title" id="notes-title">
            {t('models.notes')}
          </h2>
          <ul>
            {model.validationReport.notes.map((note) => (
              <li key={note}>
                <DataText>{note}</DataText>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
