import './models.css';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../access/session';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { listModels, listPromotionRequests, type ModelKind, trainModel } from './models.api';
import { PromotionRequestCard } from './promotion-panel';
import { ModelStatusBadge } from './status';

/** Train a challenger from the registry: model kind, the features' date and the default horizon. */
function TrainForm({ onTrained }: { onTrained: (id: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<ModelKind>('scorecard');
  const [asOf, setAsOf] = useState('');
  const [horizon, setHorizon] = useState(12);
  const [isTraining, setIsTraining] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsTraining(true);
    setError(null);
    try {
      const { model } = await trainModel({
        source: 'registry',
        kind,
        horizonMonths: horizon,
        ...(asOf ? { asOf } : {}),
      });
      onTrained(model.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setIsTraining(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {t('models.train.title')}
      </h2>
      <p className="card__description">{t('models.train.description')}</p>
      <form className="models-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('models.train.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value as ModelKind)}
          >
            <option value="scorecard">{t('models.kind.scorecard')}</option>
            <option value="gam">{t('models.kind.gam')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-asof`}>{t('models.train.asOf')}</label>
          <input
            id={`${id}-asof`}
            type="date"
            value={asOf}
            aria-describedby={`${id}-asof-hint`}
            onChange={(event) => setAsOf(event.target.value)}
          />
          <p className="field__hint" id={`${id}-asof-hint`}>
            {t('models.train.asOfHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-horizon`}>{t('models.train.horizon')}</label>
          <input
            id={`${id}-horizon`}
            type="number"
            min={1}
            max={36}
            value={horizon}
            onChange={(event) => setHorizon(Number(event.target.value) || 12)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={isTraining}>
          {isTraining ? t('models.train.training') : t('models.train.submit')}
        </button>
      </form>
      {error ? <ErrorState error={error} compact /> : null}
    </section>
  );
}

/** The model registry: every training run with its hold-out metrics, and the promotions awaiting a decision. */
export default function ModelsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const models = useAsync((signal) => listModels(signal), []);
  const pending = useAsync((signal) => listPromotionRequests({ status: 'pending' }, signal), []);

  return (
    <div className="models-stack">
      <PageHeader title={t('models.title')} description={t('models.description')} />
      {pending.data && pending.data.length > 0 ? (
        <section className="card" aria-label={t('models.promotion.pendingTitle')}>
          <h2 className="card__title">{t('models.promotion.pendingTitle')}</h2>
          {pending.data.map((request) => (
            <PromotionRequestCard
              key={request.id}
              request={request}
              showModel
              onDecided={() => {
                pending.reload();
                models.reload();
              }}
            />
          ))}
        </section>
      ) : null}
      {pending.error ? <ErrorState error={pending.error} onRetry={pending.reload} compact /> : null}
      <section className="card" aria-label={t('models.runs')}>
        <h2 className="card__title">{t('models.runs')}</h2>
        {models.isLoading && !models.data ? (
          <LoadingState />
        ) : models.error ? (
          <ErrorState error={models.error} onRetry={models.reload} />
        ) : !models.data || models.data.length === 0 ? (
          <EmptyState title={t('models.empty')}>
            {can('models.train') ? t('models.emptyTrain') : t('models.emptyWait')}
          </EmptyState>
        ) : (
          <DataTable
            caption={t('models.runs')}
            rows={models.data}
            rowKey={(model) => model.id}
            columns={[
              {
                key: 'model',
                header: t('models.columns.model'),
                cell: (model) => (
                  <Link to={`/models/${model.id}`}>
                    {t('models.modelName', { kind: t(`models.kind.${model.kind}`), version: model.version })}
                  </Link>
                ),
              },
              {
                key: 'status',
                header: t('models.columns.status'),
                cell: (m) => <ModelStatusBadge status={m.status} />,
              },
              {
                key: 'source',
                header: t('models.columns.source'),
                cell: (m) =>
                  m.source === 'registry'
                    ? t('models.source.registry', { asOf: f.date(m.asOf) })
                    : t('models.source.csv'),
              },
              { key: 'auc', header: 'AUC', numeric: true, cell: (m) => f.number(m.metrics?.auc, 3) },
              { key: 'gini', header: 'Gini', numeric: true, cell: (m) => f.number(m.metrics?.gini, 3) },
              { key: 'ks', header: 'KS', numeric: true, cell: (m) => f.number(m.metrics?.ks, 3) },
              { key: 'brier', header: 'Brier', numeric: true, cell: (m) => f.number(m.metrics?.brier, 4) },
              {
                key: 'n',
                header: t('models.columns.validationRows'),
                numeric: true,
                cell: (m) => f.integer(m.metrics?.n),
              },
              {
                key: 'features',
                header: t('models.columns.features'),
                numeric: true,
                cell: (m) => f.integer(m.features.length),
              },
              {
                key: 'created',
                header: t('models.columns.created'),
                cell: (m) => f.dateTime(m.createdAt),
                className: 'nowrap',
              },
            ]}
          />
        )}
      </section>
      {can('models.train') ? <TrainForm onTrained={(id) => navigate(`/models/${id}`)} /> : null}
    </div>
  );
}
