import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { fixturesRoot } from '../support/paths.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { buildSdk, importSdk, writeSdk } from '../support/sdk-package.js';

/**
 * The SDK's `dates` option, generated from fixtures/specs/valid/rest-dates.yaml, compiled with
 * tsc --strict (with the type consumers below) and run against a local server.
 *
 * Expected values:
 * - `format: date-time` is RFC 3339's `date-time` (https://spec.openapis.org/oas/v3.0.3#data-types,
 *   https://www.rfc-editor.org/rfc/rfc3339#section-5.6); requests send `Date.prototype.toISOString()`,
 *   whose format ECMAScript fixes as `YYYY-MM-DDTHH:mm:ss.sssZ`
 *   (https://tc39.es/ecma262/multipage/numbers-and-dates.html#sec-date-time-string-format);
 * - a string that is no date becomes an Invalid Date, as hey-api's transformers do (`new Date(value)`
 *   on every `date-time` value: https://heyapi.dev/openapi-ts/transformers, and
 *   packages/openapi-ts/src/plugins/@hey-api/transformers/expressions.ts of github.com/hey-api/openapi-ts).
 */

/** Compiled with the package built with `dates`: response dates are `Date`s, requests take `Date`s, error bodies keep strings. */
const DATES_CONSUMER = `
import { createClient, createEvent, getClock, isApiError, listChanges, listEvents } from './index.js';
const client = createClient({ baseUrl: 'https://example.com' });
export async function use(): Promise<void> {
  const [event] = await listEvents(client, { query: { since: new Date(0) }, headers: { 'x-as-of': '1999-12-31T00:00:00Z' } });
  if (event === undefined) return;
  const starts: Date = event.startsAt;
  const ends: Date | null | undefined = event.endsAt;
  // A calendar date (format: date) stays a string.
  const day: string | undefined = event.day;
  // @ts-expect-error a date-time is no longer a string
  const text: string = event.startsAt;
  const at: Date = event.schedule.kind === 'weekly' ? event.schedule.from : event.schedule.at;
  const since: Date | undefined = event.host?.since;
  const changes = await listChanges(client, { path: { eventId: 'e1' } });
  const nested: Date | undefined = changes.changes[0]?.followUps?.[0]?.at;
  const seen: Date | undefined = changes.seen?.['ana'];
  const now: Date = await getClock(client);
  // A response is accepted back as a request body: Date fits Date | string.
  await createEvent(client, { body: { title: event.title, startsAt: event.startsAt, schedule: event.schedule } });
  await createEvent(client, { body: { title: 't', startsAt: '1999-12-31T23:59:59Z', schedule: { kind: 'once', at: new Date(0) } } });
  // @ts-expect-error a number is no date
  await createEvent(client, { body: { title: 't', startsAt: 0, schedule: { kind: 'once', at: new Date(0) } } });
  try {
    await createEvent(client, { body: { title: 't', startsAt: new Date(0), schedule: { kind: 'once', at: new Date(0) } } });
  } catch (error) {
    // Error bodies are not revived: their dates are strings.
    if (isApiError(error, 'createEvent') && error.is(409)) {
      const occurred: string | undefined = error.body.occurredAt;
      void occurred;
    }
  }
  void [starts, ends, day, text, at, since, nested, seen, now];
}
`;

/** Compiled with the package built without the option: every date-time is a string, as before. */
const STRINGS_CONSUMER = `
import { createClient, listEvents } from './index.js';
export async function use(): Promise<void> {
  const [event] = await listEvents(createClient({ baseUrl: 'https://example.com' }), { query: { since: '1999-12-31T23:59:59Z' } });
  if (event === undefined) return;
  const starts: string = event.startsAt;
  // @ts-expect-error without the option, a date-time is a string
  const date: Date = event.startsAt;
  // @ts-expect-error without the option, parameters take no Date
  await listEvents(createClient({ baseUrl: 'https://example.com' }), { query: { since: new Date(0) } });
  void [starts, date];
}
`;

const EVENTS = [
  {
    id: 'e1',
    title: 'Launch',
    startsAt: '1999-12-31T23:59:59Z',
    endsAt: null,
    day: '1999-12-31',
    schedule: { kind: 'weekly', from: '1999-12-01T08:00:00+01:00', weekday: 3 },
    host: { name: 'Ana', since: '1999-01-01T00:00:00.5Z' },
  },
  { id: 'e2', title: 'Broken', startsAt: 'not a date', schedule: { kind: 'once', at: '1999-06-30T12:00:00Z' } },
];

const CHANGES = {
  changes: [
    {
      at: '1999-01-01T00:00:00Z',
      note: 'created',
      followUps: [{ at: '1999-01-02T00:00:00Z', followUps: [{ at: '1999-01-03T00:00:00Z' }] }],
    },
  ],
  seen: { ana: '1999-02-01T00:00:00Z', bo: '1999-02-02T00:00:00Z' },
};

/** Answers each operation of the fixture; records what each request sent. */
function eventsServer() {
  const requests: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/prod/events' && request.method === 'GET') json(200, EVENTS);
      else if (path === '/prod/events' && (JSON.parse(body) as { title: string }).title === 'clash')
        json(409, { message: 'clash', occurredAt: '1999-12-31T23:59:59Z' });
      else if (path === '/prod/events') json(201, { id: 'e3', ...(JSON.parse(body) as object) });
      else if (path === '/prod/events/e1/changes') json(200, CHANGES);
      else if (path === '/prod/clock') json(200, '1999-12-31T23:59:59.999Z');
      else json(404, { message: 'Not Found' });
    });
  });
  return { server, requests };
}

type Operation = (client: unknown, params?: object) => Promise<unknown>;

describe('generated SDK with the dates option, against a local server', () => {
  const { server, requests } = eventsServer();
  let baseUrl = '';
  let withDates: Record<string, unknown>;
  let withStrings: Record<string, unknown>;
  const call = (sdk: Record<string, unknown>, name: string, params?: object) =>
    (sdk[name] as Operation)((sdk.createClient as (options: object) => unknown)({ baseUrl, retry: { maxAttempts: 1 } }), params);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/prod`;
    const document = join(fixturesRoot, 'valid/rest-dates.yaml');
    [withDates, withStrings] = await Promise.all([
      buildSdk(document, { sdk: { dates: true }, sources: { 'type-consumer.ts': DATES_CONSUMER } }),
      buildSdk(document, { sources: { 'type-consumer.ts': STRINGS_CONSUMER } }),
    ]);
  }, 180_000);

  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('resolves to Dates wherever the schema says date-time: properties, nullable, discriminated union, allOf, arrays', async () => {
    const [first, second] = (await call(withDates, 'listEvents', { query: { since: '1999-01-01T00:00:00Z' } })) as Record<
      string,
      unknown
    >[];
    expect(first).toStrictEqual({
      id: 'e1',
      title: 'Launch',
      startsAt: new Date('1999-12-31T23:59:59Z'),
      endsAt: null,
      day: '1999-12-31',
      schedule: { kind: 'weekly', from: new Date('1999-12-01T07:00:00Z'), weekday: 3 },
      host: { name: 'Ana', since: new Date(Date.UTC(1999, 0, 1, 0, 0, 0, 500)) },
    });
    expect((second!.schedule as { at: unknown }).at).toStrictEqual(new Date('1999-06-30T12:00:00Z'));
  });

  it('gives an Invalid Date for a date-time string that is no date, as hey-api does', async () => {
    const [, second] = (await call(withDates, 'listEvents', { query: { since: '1999-01-01T00:00:00Z' } })) as { startsAt: unknown }[];
    expect(second!.startsAt).toBeInstanceOf(Date);
    expect(Number.isNaN((second!.startsAt as Date).getTime())).toBe(true);
  });

  it('revives recursive schemas, additionalProperties and a body that is itself a date-time', async () => {
    expect(await call(withDates, 'listChanges', { path: { eventId: 'e1' } })).toStrictEqual({
      changes: [
        {
          at: new Date('1999-01-01T00:00:00Z'),
          note: 'created',
          followUps: [{ at: new Date('1999-01-02T00:00:00Z'), followUps: [{ at: new Date('1999-01-03T00:00:00Z') }] }],
        },
      ],
      seen: { ana: new Date('1999-02-01T00:00:00Z'), bo: new Date('1999-02-02T00:00:00Z') },
    });
    expect(await call(withDates, 'getClock')).toStrictEqual(new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)));
  });

  it('sends Dates as ISO 8601 strings in query, header and body, and strings as given', async () => {
    const since = new Date(Date.UTC(1999, 11, 31, 23, 59, 59));
    await call(withDates, 'listEvents', { query: { since }, headers: { 'x-as-of': new Date(Date.UTC(1999, 11, 31)) } });
    const list = requests.at(-1)!;
    expect(list.url).toBe('/prod/events?since=1999-12-31T23%3A59%3A59.000Z');
    expect(list.headers['x-as-of']).toBe('1999-12-31T00:00:00.000Z');
    const body = { title: 't', startsAt: since, endsAt: null, schedule: { kind: 'once', at: '1999-06-30T12:00:00Z' } };
    const created = await call(withDates, 'createEvent', { body });
    expect(JSON.parse(requests.at(-1)!.body)).toStrictEqual({
      title: 't',
      startsAt: '1999-12-31T23:59:59.000Z',
      endsAt: null,
      schedule: { kind: 'once', at: '1999-06-30T12:00:00Z' },
    });
    expect(created).toMatchObject({ startsAt: since, schedule: { at: new Date('1999-06-30T12:00:00Z') } });
    expect(body.startsAt, 'the caller’s object is not changed').toBe(since);
  });

  it('keeps the strings of error bodies, as their types say', async () => {
    const error = (await call(withDates, 'createEvent', {
      body: { title: 'clash', startsAt: new Date(0), schedule: { kind: 'once', at: new Date(0) } },
    }).catch((thrown: unknown) => thrown)) as { status: number; body: unknown };
    expect({ status: error.status, body: error.body }).toStrictEqual({
      status: 409,
      body: { message: 'clash', occurredAt: '1999-12-31T23:59:59Z' },
    });
  });

  it('without the option, resolves to the strings the server sent', async () => {
    const [first] = (await call(withStrings, 'listEvents', { query: { since: '1999-01-01T00:00:00Z' } })) as unknown[];
    expect(first).toStrictEqual(EVENTS[0]);
    expect(await call(withStrings, 'getClock')).toBe('1999-12-31T23:59:59.999Z');
  });
});

// Names that try to break the shapes (fixtures/specs/hostile/hostile-dates.yaml): `__proto__` as a
// property and a discriminator value, `constructor`, quotes, comment ends, U+2028, and schema and
// operation names of the dates runtime (`DateShape`, `isoDates`, `reviveDates`).
describe('generated SDK with the dates option, from hostile names', () => {
  let sdk: Record<string, unknown>;
  const sent: Request[] = [];
  const answers: Record<string, string> = {
    GET: String.raw`{"__proto__":"1999-01-01T00:00:00Z","constructor":"1999-01-02T00:00:00Z","*/":"1999-01-03T00:00:00Z","it's":"1999-01-04T00:00:00Z","line\u2028sep":"1999-01-05T00:00:00Z","stamps":[{"*/ kind":"*/","at":"1999-01-06T00:00:00Z"},{"*/ kind":"__proto__","${'$'}{at}":"1999-01-07T00:00:00Z"},{"*/ kind":"other","at":"1999-01-08T00:00:00Z"}]}`,
    POST: '{"*/ kind":"__proto__","${at}":"1999-01-09T00:00:00Z"}',
  };
  const client = () =>
    (sdk.createClient as (options: object) => unknown)({
      baseUrl: 'https://example.com',
      fetch: (request: Request) => {
        sent.push(request);
        return Promise.resolve(new Response(answers[request.method], { headers: { 'content-type': 'application/json' } }));
      },
    });

  beforeAll(async () => {
    const { model } = await loadApi(join(fixturesRoot, 'hostile/hostile-dates.yaml'), { lenient: true });
    const files = planSdk(model, { dates: true });
    await expectPrettierFormatted(files);
    sdk = await importSdk(writeSdk(files));
  }, 120_000);

  it('revives own properties named __proto__ and constructor, and tells members apart by a __proto__ tag', async () => {
    const stamps = await (sdk.isoDates_ as (client: unknown, params: object) => Promise<Record<string, unknown>>)(client(), {});
    expect(Object.getPrototypeOf(stamps)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(stamps, '__proto__')?.value).toStrictEqual(new Date('1999-01-01T00:00:00Z'));
    expect(stamps.constructor).toStrictEqual(new Date('1999-01-02T00:00:00Z'));
    expect([stamps['*/'], stamps["it's"], stamps['line\u2028sep']]).toStrictEqual([
      new Date('1999-01-03T00:00:00Z'),
      new Date('1999-01-04T00:00:00Z'),
      new Date('1999-01-05T00:00:00Z'),
    ]);
    // A tag the discriminator does not map leaves its member as it came.
    expect(stamps.stamps).toStrictEqual([
      { '*/ kind': '*/', at: new Date('1999-01-06T00:00:00Z') },
      { '*/ kind': '__proto__', '${at}': new Date('1999-01-07T00:00:00Z') },
      { '*/ kind': 'other', at: '1999-01-08T00:00:00Z' },
    ]);
  });

  it('sends Dates under hostile names as ISO strings', async () => {
    const since = new Date(Date.UTC(1999, 0, 1));
    await (sdk.isoDates_ as (client: unknown, params: object) => Promise<unknown>)(client(), { query: { '*/ since': since } });
    expect(new URL(sent.at(-1)!.url).searchParams.get('*/ since')).toBe('1999-01-01T00:00:00.000Z');
    const answer = await (sdk.reviveDates_ as (client: unknown, params: object) => Promise<unknown>)(client(), {
      body: { '*/ kind': '__proto__', '${at}': since },
    });
    expect(await sent.at(-1)!.json()).toStrictEqual({ '*/ kind': '__proto__', '${at}': '1999-01-01T00:00:00.000Z' });
    expect(answer).toStrictEqual({ '*/ kind': '__proto__', '${at}': new Date('1999-01-09T00:00:00Z') });
  });
});

// OpenAPI 3.1 shapes (https://spec.openapis.org/oas/v3.1.0#schema-object): a tuple (prefixItems,
// JSON Schema 2020-12 https://json-schema.org/draft/2020-12/json-schema-core#section-10.3.1.1), a type
// array with null, and an anyOf without discriminator of a date-time and a number.
const DOCUMENT_31 = `openapi: 3.1.0
info: { title: Spans, version: 1.0.0 }
paths:
  /span:
    get:
      operationId: getSpan
      responses:
        "200":
          description: A span.
          content:
            application/json:
              schema:
                type: object
                required: [range, at, when]
                properties:
                  range:
                    type: array
                    minItems: 2
                    prefixItems: [{ type: string }, { type: string, format: date-time }]
                    items: { type: string, format: date-time }
                  at: { type: [string, "null"], format: date-time }
                  when:
                    anyOf: [{ type: string, format: date-time }, { type: integer }]
`;

const CONSUMER_31 = `
import { createClient, getSpan } from './index.js';
export async function use(): Promise<void> {
  const span = await getSpan(createClient({ baseUrl: 'https://example.com' }));
  const label: string = span.range[0];
  const start: Date = span.range[1];
  const rest: Date | undefined = span.range[2];
  const at: Date | null = span.at;
  const when: Date | number = span.when;
  void [label, start, rest, at, when];
}
`;

describe('generated SDK with the dates option, from OpenAPI 3.1 tuples, type arrays and unions', () => {
  let sdk: Record<string, unknown>;
  const answer = (body: unknown) => ({
    baseUrl: 'https://example.com',
    fetch: () => Promise.resolve(Response.json(body)),
  });
  const getSpan = (body: unknown) =>
    (sdk.getSpan as (client: unknown) => Promise<unknown>)((sdk.createClient as (options: object) => unknown)(answer(body)));

  beforeAll(async () => {
    const document = join(mkdtempSync(join(tmpdir(), 'apigw-gen-dates-31-')), 'spans.yaml');
    writeFileSync(document, DOCUMENT_31);
    sdk = await buildSdk(document, { sdk: { dates: true }, sources: { 'type-consumer.ts': CONSUMER_31 } });
  }, 120_000);

  it('revives tuple positions and the elements after them, a nullable type array, and the date-time member of an anyOf', async () => {
    expect(
      await getSpan({
        range: ['q1', '1999-01-01T00:00:00Z', '1999-03-31T00:00:00Z'],
        at: '1999-02-01T00:00:00Z',
        when: '1999-02-02T00:00:00Z',
      }),
    ).toStrictEqual({
      range: ['q1', new Date('1999-01-01T00:00:00Z'), new Date('1999-03-31T00:00:00Z')],
      at: new Date('1999-02-01T00:00:00Z'),
      when: new Date('1999-02-02T00:00:00Z'),
    });
    expect(await getSpan({ range: ['q2', '1999-04-01T00:00:00Z'], at: null, when: 7 })).toStrictEqual({
      range: ['q2', new Date('1999-04-01T00:00:00Z')],
      at: null,
      when: 7,
    });
  });
});
