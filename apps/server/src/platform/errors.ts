/**
 * One error type for the whole platform. Services throw `AppError`; the HTTP layer maps its code to a
 * status with `httpStatusOf`, the CLI prints its message. Codes are namespaced by capability.
 */
export const ERROR_CODES = {
  /** Input failed a schema or a business rule; `details` says which field and why. */
  VALIDATION_FAILED: 400,
  /** Not signed in, or the token is missing, expired or tampered with. */
  UNAUTHENTICATED: 401,
  /** Signed in, but this role or party may not do this. */
  FORBIDDEN: 403,
  /** The thing does not exist, or the caller may not know it exists. */
  NOT_FOUND: 404,
  /** The request conflicts with the current state (a duplicate, a concurrent change). */
  CONFLICT: 409,
  /** Too many requests or sign-in attempts; retry later. */
  RATE_LIMITED: 429,
  /** A file is larger than the configured upload limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** A submission was rejected as a whole (all-or-nothing mode with row errors, or a file-level fault). */
  REGISTRY_SUBMISSION_REJECTED: 422,
  /** A financial statement's subtotals or A = L + E do not hold. */
  REGISTRY_UNBALANCED_STATEMENT: 422,
  /** The file is not UTF-8 (for instance GBK) or cannot be decoded. */
  REGISTRY_BAD_ENCODING: 422,
  /** The header misses required columns or has unknown ones. */
  REGISTRY_BAD_HEADER: 422,
  /** A credit code failed its checks. */
  REGISTRY_INVALID_CREDIT_CODE: 422,
  /** An identified read was refused: no consent, or it is expired, revoked or out of look-ups (`details.reason`). */
  ACCESS_NO_CONSENT: 403,
  /** The platform's data directory is already owned by another running process. */
  PLATFORM_ALREADY_RUNNING: 409,
  /** The platform is misconfigured (a bad environment variable or option). */
  PLATFORM_CONFIG_INVALID: 500,
  /** Scoring: the model or the data cannot be used (single-class target, no usable feature, …). */
  SCORING_INVALID_INPUT: 422,
  /** Scoring: no champion model yet (train one and promote it), or the model cannot score enterprises. */
  SCORING_NO_CHAMPION: 409,
  /** Reports: a PDF cannot be printed here (Chromium missing or failing to start); HTML and JSON still work. */
  REPORTS_PDF_UNAVAILABLE: 503,
  /** Anything unexpected; the cause is logged with the request id, never sent to the client. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, options: { message: string; details?: ErrorDetails; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code];
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
