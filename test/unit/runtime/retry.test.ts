import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, isRetryable, retryDelayMs } from '../../../src/runtime/retry.js';

describe('retries', () => {
  it.each([
    ['GET', 429, true],
    ['PUT', 503, true],
    ['DELETE', 504, true],
    ['POST', 429, false],
    ['PATCH', 500, false],
    ['GET', 404, false],
  ])('%s %i retryable: %s', (method, status, expected) => {
    expect(isRetryable(method, status)).toBe(expected);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped by the policy', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryDelayMs({ attempt: 1, retryAfter: '2', policy: defaultRetryPolicy, now })).toBe(2000);
    expect(retryDelayMs({ attempt: 1, retryAfter: 'Thu, 01 Jan 2026 00:00:05 GMT', policy: defaultRetryPolicy, now })).toBe(5000);
    expect(retryDelayMs({ attempt: 1, retryAfter: '3600', policy: defaultRetryPolicy, now })).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('backs off exponentially with full jitter', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs({ attempt: 1, retryAfter: null, policy, random: () => 0.999 })).toBe(99);
    expect(retryDelayMs({ attempt: 3, retryAfter: null, policy, random: () => 0.5 })).toBe(200);
    expect(retryDelayMs({ attempt: 10, retryAfter: null, policy, random: () => 0.999 })).toBe(999);
    expect(retryDelayMs({ attempt: 2, retryAfter: null, policy, random: () => 0 })).toBe(0);
  });
});
