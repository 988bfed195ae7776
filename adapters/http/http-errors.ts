/**
 * Every error code the HTTP adapter answers with, and its status. Clients key on these codes,
 * so never rename one; add new ones instead.
 */
export const HTTP_ERRORS = {
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  /** Known caller, but their role may not take this step. */
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  /** The resource is not in a state that allows this (already rated, wrong complaint step). */
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  API_DISABLED: 503,
} as const satisfies Record<string, number>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** One invalid input value: `path` names the field as the client sent it (`contact.name`, `status`). */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Response headers that belong to the error (`Allow`, `WWW-Authenticate`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = HTTP_ERRORS[code];
  }
}

export const validationFailed = (details: ErrorDetail[], message?: string): HttpError =>
  new HttpError(
    'VALIDATION_FAILED',
    message ?? `Invalid input (${details.map((d) => d.path || 'body').join(', ')}); see details.`,
    details,
  );

export const notFound = (what = 'No such route.'): HttpError => new HttpError('NOT_FOUND', what);

export const ticketNotFound = (number: string): HttpError =>
  new HttpError('TICKET_NOT_FOUND', `No ticket ${number}.`);

export const methodNotAllowed = (allowed: readonly string[]): HttpError =>
  new HttpError('METHOD_NOT_ALLOWED', `Method not allowed here; use ${allowed.join(', ')}.`, undefined, {
    Allow: allowed.join(', '),
  });

export const unauthorized = (reason: 'missing' | 'invalid'): HttpError =>
  new HttpError(
    'UNAUTHORIZED',
    reason === 'missing' ? 'Send Authorization: Bearer <API_TOKEN>.' : 'The bearer token is not valid.',
    undefined,
    {
      'WWW-Authenticate':
        reason === 'missing' ? 'Bearer realm="deskbot"' : 'Bearer realm="deskbot", error="invalid_token"',
    },
  );

export const apiDisabled = (): HttpError =>
  new HttpError('API_DISABLED', 'The ticket API is disabled on this server; set API_TOKEN to enable it.');

export const rateLimited = (): HttpError =>
  new HttpError('RATE_LIMITED', 'Too many requests from this address; wait a moment and try again.');

export const internalError = (): HttpError => new HttpError('INTERNAL', 'Internal server error.');

/** Maps body-parser's error `type`s to our codes; anything else unknown becomes INTERNAL. */
export function fromBodyParserError(error: unknown): HttpError | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
      return new HttpError('INVALID_JSON', 'The request body is not valid JSON.');
    case 'entity.too.large':
    case 'parameters.too.many':
      return new HttpError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding or charset; send UTF-8.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpError('BAD_REQUEST', 'The request body could not be read.');
    default:
      return null;
  }
}
