import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

export type ErrorDescription = { title: string; detail: string | null; requestId: string | null };

const CLIENT_CODES = new Set(['NETWORK_ERROR', 'BAD_RESPONSE', 'ABORTED']);

/**
 * Any failure as a sentence in the user's language: the meaning of the error code, then the server's own
 * explanation (which names the field or row), then the request id support needs to find the log line.
 */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  if (isApiError(error)) {
    const key = `errors.codes.${error.code}`;
    let title: string;
    if (t(key as 'errors.generic', { defaultValue: '' })) title = t(key as 'errors.generic');
    else if (error.code.startsWith('HTTP_')) title = t('errors.httpStatus', { status: error.status });
    else title = t('errors.generic');
    const detail = CLIENT_CODES.has(error.code) || error.code.startsWith('HTTP_') ? null : error.message;
    return { title, detail: detail && detail !== title ? detail : null, requestId: error.requestId };
  }
  return {
    title: t('errors.generic'),
    detail: error instanceof Error ? error.message : null,
    requestId: null,
  };
}
