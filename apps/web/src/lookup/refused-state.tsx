import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { ErrorState } from '../ui/states';

/** A read the consent check refused: the server answers 403 ACCESS_NO_CONSENT with the reason in details. */
export function isRefusedRead(error: unknown): boolean {
  return isApiError(error) && error.code === 'ACCESS_NO_CONSENT';
}

function refusalReason(error: unknown): string {
  if (!isApiError(error)) return 'other';
  const details = error.details as { reason?: unknown } | null | undefined;
  return typeof details?.reason === 'string' ? details.reason : 'other';
}

/**
 * Not a blank screen: says that the enterprise has not allowed this read, why (no consent, revoked,
 * expired, look-ups used up), that the attempt was logged, and what to do.
 */
export function RefusedState({ error, purpose }: { error: unknown; purpose: string }) {
  const { t } = useTranslation();
  if (!isRefusedRead(error)) return <ErrorState error={error} />;
  const reason = refusalReason(error);
  return (
    <div className="state state--refused" role="alert" data-testid="refused">
      <p className="state__title">{t('lookup.refused.title')}</p>
      <p className="state__body">
        {t(`accessLog.refusal.${reason}` as 'accessLog.refusal.other', {
          defaultValue: t('accessLog.refusal.other'),
        })}
      </p>
      <p className="state__body">
        {t('lookup.refused.explanation', {
          purpose: t(`consent.purposes.${purpose}` as 'consent.purposes.research'),
        })}
      </p>
      <p className="state__meta">{t('lookup.refused.logged')}</p>
    </div>
  );
}
