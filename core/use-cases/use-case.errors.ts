/**
 * How a use case tells its runner what to do with a failure: `retryable` failures (a concurrent
 * update, a lost connection) are tried again with backoff; the others never succeed on retry.
 */
export interface UseCaseError {
  code: string;
  message: string;
  retryable: boolean;
  details?: Record<string, unknown>;
}

export const permanent = (
  code: string,
  message: string,
  details?: Record<string, unknown>,
): UseCaseError => ({
  code,
  message,
  retryable: false,
  ...(details ? { details } : {}),
});

export const retryable = (
  code: string,
  message: string,
  details?: Record<string, unknown>,
): UseCaseError => ({
  code,
  message,
  retryable: true,
  ...(details ? { details } : {}),
});
