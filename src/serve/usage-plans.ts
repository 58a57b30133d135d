/**
 * API keys, usage plans and stage throttling as API Gateway applies them to a stage: a key must
 * belong to a plan of the stage (else 403), each key has the plan's token bucket (`rateLimit`
 * per second, `burstLimit` at once; per method where the plan says so) and quota (requests per
 * DAY, WEEK or MONTH, counted from the server's start), and the stage's method settings throttle
 * every caller together.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */

export interface Throttle {
  rateLimit?: number;
  burstLimit?: number;
}

/** A usage plan, in the config file's terms, as far as serving needs it. */
export interface ServedUsagePlan {
  name: string;
  stages: string[];
  throttle?: Throttle;
  /** By `/path/METHOD`. */
  methodThrottles: (Throttle & { key: string })[];
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
  /** Local values of its keys. */
  keyValues: string[];
}

/** Stage-wide throttles, by `/path/METHOD` or `/*\/*`. */
export type StageThrottles = (Throttle & { resourcePath: string; httpMethod: string })[];

export type UsageVerdict = 'ok' | 'invalidKey' | 'throttled' | 'quotaExceeded';

const PERIOD_MS = { DAY: 86_400_000, WEEK: 7 * 86_400_000, MONTH: 30 * 86_400_000 } as const;

export class UsagePlans {
  readonly #plansByKey = new Map<string, ServedUsagePlan>();
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #quotas = new Map<string, { windowStart: number; used: number }>();
  readonly #stageThrottles: StageThrottles;
  readonly #now: () => number;

  constructor(stage: string, plans: readonly ServedUsagePlan[], stageThrottles: StageThrottles, now: () => number = Date.now) {
    for (const plan of plans) {
      if (!plan.stages.includes(stage)) continue;
      for (const value of plan.keyValues) this.#plansByKey.set(value, plan);
    }
    this.#stageThrottles = stageThrottles;
    this.#now = now;
  }

  /** True when some plan of the stage has keys: then only those keys pass. */
  get hasKeys(): boolean {
    return this.#plansByKey.size > 0;
  }

  /** Counts a request of an operation (`/path`, `METHOD`) and says whether API Gateway would let it through. */
  admit(path: string, method: string, apiKey: string | undefined, keyRequired: boolean): UsageVerdict {
    const plan = apiKey === undefined ? undefined : this.#plansByKey.get(apiKey);
    if (keyRequired && this.hasKeys && !plan) return 'invalidKey';
    const stageThrottle = this.#stageThrottle(path, method);
    if (stageThrottle && !this.#take(`stage ${stageThrottle.resourcePath} ${stageThrottle.httpMethod}`, stageThrottle)) return 'throttled';
    if (!plan || !keyRequired) return 'ok';
    const methodThrottle = plan.methodThrottles.find((throttle) => throttle.key === `${path}/${method}`);
    const throttle = methodThrottle ?? plan.throttle;
    if (throttle && !this.#take(`key ${apiKey} ${methodThrottle ? methodThrottle.key : '*'}`, throttle)) return 'throttled';
    if (plan.quota && !this.#count(apiKey!, plan.quota)) return 'quotaExceeded';
    return 'ok';
  }

  #stageThrottle(path: string, method: string) {
    const matches = (setting: StageThrottles[number]) =>
      (setting.resourcePath === '/*' || setting.resourcePath === path) && (setting.httpMethod === '*' || setting.httpMethod === method);
    // The most specific setting wins, as a method setting overrides the stage's `/*/*`.
    return this.#stageThrottles.filter(matches).sort((a, b) => specificity(b) - specificity(a))[0];
  }

  #take(id: string, throttle: Throttle): boolean {
    let bucket = this.#buckets.get(id);
    if (!bucket) this.#buckets.set(id, (bucket = new TokenBucket(throttle, this.#now())));
    return bucket.take(this.#now());
  }

  #count(apiKey: string, quota: NonNullable<ServedUsagePlan['quota']>): boolean {
    const now = this.#now();
    let usage = this.#quotas.get(apiKey);
    if (!usage || now - usage.windowStart >= PERIOD_MS[quota.period]) this.#quotas.set(apiKey, (usage = { windowStart: now, used: 0 }));
    if (usage.used >= quota.limit) return false;
    usage.used++;
    return true;
  }
}

function specificity(setting: StageThrottles[number]): number {
  return (setting.resourcePath === '/*' ? 0 : 2) + (setting.httpMethod === '*' ? 0 : 1);
}

/** API Gateway's throttle: `burstLimit` requests at once, refilled at `rateLimit` per second. */
class TokenBucket {
  readonly #rate: number;
  readonly #capacity: number;
  #tokens: number;
  #last: number;

  constructor(throttle: Throttle, now: number) {
    this.#rate = throttle.rateLimit ?? Infinity;
    // Without a burst, API Gateway lets through a second's worth at once.
    this.#capacity = throttle.burstLimit ?? Math.max(1, Math.ceil(this.#rate));
    this.#tokens = this.#capacity;
    this.#last = now;
  }

  take(now: number): boolean {
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
