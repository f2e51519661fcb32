import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useUser } from '../../access/session';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useAsync } from '../../ui/use-async';
import { QualityPanel } from '../quality/quality-panel';
import { getQuality, listSubmissions, type UploadResult } from '../registry.api';
import { useKinds, useRegistryLabels } from '../use-kinds';
import { SubmissionHistory } from './submission-history';
import { SubmissionResult } from './submission-result';
import { UploadPanel } from './upload-panel';

const PAGE_SIZE = 20;

export default function SubmissionsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const user = useUser();
  const kinds = useKinds();
  const labels = useRegistryLabels(kinds.data);
  const [offset, setOffset] = useState(0);
  const [latest, setLatest] = useState<UploadResult | null>(null);
  const history = useAsync((signal) => listSubmissions({ limit: PAGE_SIZE, offset }, signal), [offset]);
  const canSeeQuality = can('registry.quality.view');
  const quality = useAsync(
    (signal) => (canSeeQuality ? getQuality(signal) : Promise.resolve({ members: [] })),
    [canSeeQuality],
  );

  function onSubmitted(result: UploadResult) {
    setLatest(result);
    setOffset(0);
    history.reload();
    quality.reload();
    requestAnimationFrame(() => document.getElementById('latest-result')?.focus());
  }

  return (
    <>
      <PageHeader
        title={t('registry.submissions.title')}
        description={t('registry.submissions.description')}
      />

      {can('registry.submit') ? (
        kinds.error ? (
          <ErrorState error={kinds.error} onRetry={kinds.reload} />
        ) : kinds.data ? (
          <UploadPanel kinds={kinds.data} onStarted={() => setLatest(null)} onSubmitted={onSubmitted} />
        ) : (
          <LoadingState />
        )
      ) : null}

      {latest ? (
        <div id="latest-result" tabIndex={-1} className="card">
          <SubmissionResult
            submission={latest.submission}
            kindLabel={labels.kind(latest.submission.kind)}
            isReplay={latest.isReplay}
          />
        </div>
      ) : null}

      <section className="card" aria-labelledby="history-title">
        <div className="section-heading">
          <h2 id="history-title" className="card__title">
            {t('registry.history.title')}
          </h2>
          <button type="button" className="button button--ghost button--small" onClick={history.reload}>
            {t('common.refresh')}
          </button>
        </div>
        <SubmissionHistory
          history={history}
          offset={offset}
          limit={PAGE_SIZE}
          onPage={setOffset}
          kindLabel={labels.kind}
          showMember={user.role === 'operator'}
        />
      </section>

      {canSeeQuality ? (
        <section className="card" aria-labelledby="quality-title">
          <h2 id="quality-title" className="card__title">
            {t('registry.quality.title')}
          </h2>
          <p className="card__description">{t('registry.quality.description')}</p>
          <QualityPanel quality={quality} labels={labels} />
        </section>
      ) : null}
    </>
  );
}
