import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan, useUser } from '../access/session';
import { useFormat } from '../i18n';
import { DataText } from '../ui/data-text';
import { ErrorState } from '../ui/states';
import { decidePromotion, type PromotionRequest } from './models.api';
import { RequestStatusBadge } from './status';

/**
 * One promotion request: who asked and why, and for a second person (approver or operator, never the
 * requester) the approve and reject buttons with an optional note.
 */
export function PromotionRequestCard({
  request,
  showModel,
  onDecided,
}: {
  request: PromotionRequest;
  showModel?: boolean;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const user = useUser();
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isOwn = request.requestedBy === user.id;
  const mayDecide = request.status === 'pending' && can('models.decide') && !isOwn;

  async function decide(decision: 'approve' | 'reject') {
    setBusy(decision);
    setError(null);
    try {
      await decidePromotion(request.id, decision, note);
      onDecided();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void decide('approve');
  }

  return (
    <article
      className="models-request"
      aria-label={t('models.promotion.requestLabel', { version: request.modelVersion })}
    >
      <div className="models-actions">
        <RequestStatusBadge status={request.status} />
        {showModel ? (
          <Link to={`/models/${request.modelId}`}>
            {t('models.modelName', {
              kind: t(`models.kind.${request.modelKind}`),
              version: request.modelVersion,
            })}
          </Link>
        ) : null}
        <span>
          {t('models.promotion.requestedBy', {
            name: request.requestedByName,
            at: f.dateTime(request.requestedAt),
          })}
        </span>
      </div>
      {request.reason ? (
        <p>
          {t('models.promotion.reason')}: <DataText>{request.reason}</DataText>
        </p>
      ) : null}
      {request.status !== 'pending' && request.decidedByName ? (
        <p>
          {t(`models.promotion.decidedBy.${request.status === 'approved' ? 'approved' : 'rejected'}`, {
            name: request.decidedByName,
            at: f.dateTime(request.decidedAt),
          })}
          {request.decisionNote ? (
            <>
              {' '}
              — <DataText>{request.decisionNote}</DataText>
            </>
          ) : null}
        </p>
      ) : null}
      {request.status === 'pending' && isOwn ? (
        <p className="notice notice--info">{t('models.promotion.ownRequest')}</p>
      ) : null}
      {request.status === 'pending' && !isOwn && !can('models.decide') ? (
        <p className="notice notice--info">{t('models.promotion.waiting')}</p>
      ) : null}
      {mayDecide ? (
        <form className="models-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('models.promotion.note')}</label>
            <input
              id={`${id}-note`}
              value={note}
              maxLength={500}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <div className="models-actions">
            <button type="submit" className="button button--primary" disabled={busy !== null}>
              {busy === 'approve' ? t('models.promotion.approving') : t('models.promotion.approve')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy !== null}
              onClick={() => void decide('reject')}
            >
              {busy === 'reject' ? t('models.promotion.rejecting') : t('models.promotion.reject')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <ErrorState error={error} compact /> : null}
    </article>
  );
}
