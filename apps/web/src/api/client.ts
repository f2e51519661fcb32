import type { ErrorBody } from './types';

/** Base path of the HTTP API; the server serves the app and the API from one origin. */
export const API_BASE = '/api/v1';

/**
 * An API failure as one sentence the UI can show. `code` is the server's error code, or one of the client's
 * own: NETWORK_ERROR (no answer), BAD_RESPONSE (an answer that is not the documented JSON), ABORTED.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(
    code: string,
    options: { message: string; status: number; requestId?: string | null; details?: unknown },
  ) {
    super(options.message);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId ?? null;
    this.details = options.details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// The CSRF token comes with the session (login and /auth/me); every mutating request echoes it in a header
// because the session cookie alone would be sent by any site that tricks the browser into posting.
let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session has expired or was revoked. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildUrl(path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `${API_BASE}${path}${text ? `?${text}` : ''}`;
}

function isMutating(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

/** Turns a non-2xx answer into an ApiError, whatever its body looks like. */
export function errorFromResponse(
  status: number,
  bodyText: string,
  requestIdHeader: string | null,
): ApiError {
  let body: unknown = null;
  try {
    body = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    body = null;
  }
  if (isErrorBody(body)) {
    return new ApiError(body.code, {
      message: body.message,
      status,
      requestId: body.requestId ?? requestIdHeader,
      details: body.details,
    });
  }
  return new ApiError(status === 401 ? 'UNAUTHENTICATED' : `HTTP_${status}`, {
    message: `The server answered ${status} without an explanation.`,
    status,
    requestId: requestIdHeader,
  });
}

function notifyIfUnauthenticated(error: ApiError, path: string): void {
  // A failed sign-in is not an expired session.
  if (error.status === 401 && !path.startsWith('/auth/login')) {
    for (const listener of unauthenticatedListeners) listener();
  }
}

function parseJson<T>(status: number, text: string): T {
  if (status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError('BAD_RESPONSE', { message: 'The server sent an answer that is not JSON.', status });
  }
}

export type RequestOptions = {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** One JSON request to the API. Resolves with the parsed body; rejects with an ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (isMutating(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted)
      throw new ApiError('ABORTED', { message: 'The request was cancelled.', status: 0 });
    throw new ApiError('NETWORK_ERROR', {
      message: cause instanceof Error ? cause.message : 'The server could not be reached.',
      status: 0,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    const error = errorFromResponse(response.status, text, response.headers.get('x-request-id'));
    notifyIfUnauthenticated(error, path);
    throw error;
  }
  return parseJson<T>(response.status, text);
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
};

export type UploadProgress = { loaded: number; total: number };

export type UploadOptions = {
  query?: Query;
  headers?: Record<string, string>;
  onProgress?: (progress: UploadProgress) => void;
  /** Called once the last byte has left the browser and the server is working on it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
};

/**
 * POSTs a file as the raw request body. XMLHttpRequest rather than fetch, because only it reports upload
 * progress. Resolves with the HTTP status (201 new, 200 replay) and the parsed body.
 */
export function uploadRaw<T>(
  path: string,
  file: Blob,
  options: UploadOptions = {},
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve({ status: xhr.status, body: parseJson<T>(xhr.status, xhr.responseText) });
        } catch (error) {
          reject(error);
        }
        return;
      }
      const error = errorFromResponse(xhr.status, xhr.responseText, xhr.getResponseHeader('x-request-id'));
      notifyIfUnauthenticated(error, path);
      reject(error);
    };
    xhr.onerror = () =>
      reject(new ApiError('NETWORK_ERROR', { message: 'The upload could not reach the server.', status: 0 }));
    xhr.onabort = () => reject(new ApiError('ABORTED', { message: 'The upload was cancelled.', status: 0 }));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
