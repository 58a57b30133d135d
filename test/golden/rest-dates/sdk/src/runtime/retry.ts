/**
 * When generated SDKs retry: API Gateway throttling (429), server errors (5xx, including 504
 * integration timeouts), network errors and timeouts, on idempotent methods, with exponential
 * backoff and full jitter, honouring `Retry-After`. This file is copied verbatim into every SDK package, so it depends on nothing.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 20_000 };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** True for methods a request may be sent again with, when its answer is lost (RFC 9110 §9.2.2). */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** True when a response with this status to a request with this method may be sent again. */
export function isRetryable(method: string, status: number): boolean {
  return isIdempotent(method) && (status === 429 || status >= 500);
}

/**
 * The delay before attempt `attempt + 1` (attempt counts from 1): `Retry-After` when the server
 * gave one (seconds or an HTTP date), else a random delay up to base × 2^(attempt - 1), capped.
 */
export function retryDelayMs(options: {
  attempt: number;
  retryAfter: string | null;
  policy: RetryPolicy;
  now?: number;
  random?: () => number;
}): number {
  const { attempt, retryAfter, policy } = options;
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    const untilDate = Date.parse(retryAfter) - (options.now ?? Date.now());
    const delay = Number.isFinite(seconds) ? seconds * 1000 : untilDate;
    if (Number.isFinite(delay)) return Math.min(Math.max(0, delay), policy.maxDelayMs);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
