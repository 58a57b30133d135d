import { describe, expect, it } from 'vitest';
import { UsagePlans, type ServedUsagePlan } from '../../src/serve/usage-plans.js';

/** A clock the test moves. */
function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const gold: ServedUsagePlan = {
  name: 'gold',
  stages: ['prod'],
  throttle: { rateLimit: 2, burstLimit: 3 },
  methodThrottles: [{ key: '/reports/POST', rateLimit: 1, burstLimit: 1 }],
  quota: { limit: 5, period: 'DAY' },
  keyValues: ['gold-key'],
};

describe('usage plans', () => {
  it('refuses keys that no plan of the stage has, and lets them through where no key is required', () => {
    const plans = new UsagePlans('prod', [gold, { ...gold, name: 'beta', stages: ['beta'], keyValues: ['beta-key'] }], []);
    expect(plans.admit('/items', 'GET', 'beta-key', true)).toBe('invalidKey');
    expect(plans.admit('/items', 'GET', 'unknown', true)).toBe('invalidKey');
    expect(plans.admit('/items', 'GET', 'gold-key', true)).toBe('ok');
    expect(plans.admit('/public', 'GET', undefined, false)).toBe('ok');
  });

  it('throttles a key with a token bucket: the burst at once, then the rate per second', () => {
    const time = clock();
    const plans = new UsagePlans('prod', [{ ...gold, quota: undefined }], [], time.now);
    const burst = Array.from({ length: 4 }, () => plans.admit('/items', 'GET', 'gold-key', true));
    expect(burst).toStrictEqual(['ok', 'ok', 'ok', 'throttled']);
    time.advance(500); // one token at 2 per second
    expect([plans.admit('/items', 'GET', 'gold-key', true), plans.admit('/items', 'GET', 'gold-key', true)]).toStrictEqual([
      'ok',
      'throttled',
    ]);
  });

  it('applies a per-method throttle instead of the plan throttle for that method', () => {
    const plans = new UsagePlans('prod', [{ ...gold, quota: undefined }], [], clock().now);
    expect([plans.admit('/reports', 'POST', 'gold-key', true), plans.admit('/reports', 'POST', 'gold-key', true)]).toStrictEqual([
      'ok',
      'throttled',
    ]);
    expect(plans.admit('/items', 'GET', 'gold-key', true)).toBe('ok');
  });

  it('counts the quota per period and starts again in the next one', () => {
    const time = clock();
    const plans = new UsagePlans('prod', [{ ...gold, throttle: undefined, methodThrottles: [] }], [], time.now);
    const day = Array.from({ length: 6 }, () => plans.admit('/items', 'GET', 'gold-key', true));
    expect(day).toStrictEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'quotaExceeded']);
    time.advance(86_400_000);
    expect(plans.admit('/items', 'GET', 'gold-key', true)).toBe('ok');
  });

  it("throttles every caller by the stage's most specific method setting", () => {
    const plans = new UsagePlans(
      'prod',
      [],
      [
        { resourcePath: '/*', httpMethod: '*', rateLimit: 100, burstLimit: 100 },
        { resourcePath: '/items', httpMethod: 'GET', rateLimit: 1, burstLimit: 2 },
      ],
      clock().now,
    );
    const calls = Array.from({ length: 3 }, () => plans.admit('/items', 'GET', undefined, false));
    expect(calls).toStrictEqual(['ok', 'ok', 'throttled']);
    expect(plans.admit('/other', 'GET', undefined, false)).toBe('ok');
  });
});
