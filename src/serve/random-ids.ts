import { randomFillSync } from 'node:crypto';

/**
 * Random ids come from a pool refilled 4 KB at a time: a call to the random source per id
 * (several per request) cost more than building the rest of an event.
 */
const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;

/** `size` random bytes, as text. */
export function randomText(size: number, encoding: 'hex' | 'base64' | 'base64url'): string {
  if (randomOffset + size > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  randomOffset += size;
  return randomPool.toString(encoding, randomOffset - size, randomOffset);
}

/**
 * A new X-Ray trace id, as API Gateway makes one: `1-`, the epoch seconds in hex, `-` and 24 hex digits.
 * @see https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids
 */
export function traceRoot(now = Date.now()): string {
  return `1-${Math.floor(now / 1000).toString(16)}-${randomText(12, 'hex')}`;
}
