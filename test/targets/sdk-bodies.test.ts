import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { compile } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { importSdk, writeSdk } from '../support/sdk-package.js';

/**
 * Bodies of fixtures/specs/sdk/bodies.yaml, sent by the generated (tsc-compiled) client to a
 * local server that keeps the raw request, which real parsers then read: URLSearchParams for
 * forms, undici's `Request.formData()` for multipart. Expected wire formats:
 * - OpenAPI 3.1.0 Encoding Object and Style Values (https://spec.openapis.org/oas/v3.1.0#encoding-object,
 *   https://spec.openapis.org/oas/v3.1.0#style-values): `style` defaults to `form`, `explode` to true
 *   with it, so arrays repeat their name; `pipeDelimited` joins with `|`; in multipart an object part
 *   defaults to `application/json` and a binary one to `application/octet-stream`, and (3.1)
 *   `style` applies to multipart too.
 * - Stripe's own encoding of `deepObject` bodies (stripe-node `stringifyRequestData` in
 *   src/utils.ts, github.com/stripe/stripe-node): objects as `key[field]`, arrays as `key[index]`,
 *   nested to any depth: `metadata[order_id]=6735`, `expand[0]=customer`.
 */

const document = join(fixturesRoot, 'features/bodies.yaml');

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

function recordingServer() {
  const seen: Seen[] = [];
  const answers: { status: number; body?: string; type?: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, bytes: Buffer.concat(chunks) });
      const answer = answers.shift() ?? { status: 200, body: '{}' };
      response.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
      response.end(answer.body ?? '');
    });
  });
  return { server, seen, answers };
}

/** The multipart body as a server reads it. */
function parseMultipart(request: Seen): Promise<FormData> {
  const contentType = String(request.headers['content-type']);
  return new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: request.bytes }).formData();
}

type Client = Record<string, (params?: object) => Promise<unknown>>;

async function buildPackage(): Promise<{ files: PlannedFile[]; out: string }> {
  const { model } = await loadApi(document);
  const files = planSdk(model, {});
  return { files, out: writeSdk(files) };
}

describe('form and multipart bodies, responses without a body, default responses and ANY methods', () => {
  const { server, seen, answers } = recordingServer();
  let client: Client;
  let files: PlannedFile[];
  let out: string;

  beforeAll(async () => {
    ({ files, out } = await buildPackage());
    const module = (await importSdk(out)) as Record<string, new (options: object) => Client>;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    client = new module.BodiesAPIClient!({ baseUrl: `http://127.0.0.1:${port}/v1`, retry: { maxAttempts: 1 } });
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('encode a form body as its Encoding Objects say, nested objects in bracket notation as Stripe reads them', async () => {
    seen.length = 0;
    answers.push({ status: 200, body: '{"id":"cus_1"}' });
    const result = await client.createCustomer!({
      body: {
        name: 'Jenny Rosen & Co',
        balance: -500,
        tax_exempt: false,
        metadata: { order_id: '6735', 'note[x]': 'a b' },
        address: { line1: '1 Main St', city: 'Paris' },
        shipping: { name: 'J', address: { city: 'Lyon' } },
        expand: ['customer', 'invoice'],
        tags: ['a', 'b'],
        labels: ['x', 'y'],
        settings: { theme: 'dark' },
      },
    });
    expect(result).toStrictEqual({ id: 'cus_1' });
    const request = seen[0]!;
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(request.bytes.toString())]).toStrictEqual([
      ['name', 'Jenny Rosen & Co'],
      ['balance', '-500'],
      ['tax_exempt', 'false'],
      ['metadata[order_id]', '6735'],
      ['metadata[note[x]]', 'a b'],
      ['address[line1]', '1 Main St'],
      ['address[city]', 'Paris'],
      ['shipping[name]', 'J'],
      ['shipping[address][city]', 'Lyon'],
      ['expand[0]', 'customer'],
      ['expand[1]', 'invoice'],
      ['tags', 'a'],
      ['tags', 'b'],
      ['labels', 'x|y'],
      ['settings', '{"theme":"dark"}'],
    ]);
    expect(request.bytes.toString()).not.toContain('object');
  });

  it('send a multipart body through FormData with the boundary fetch chose: file parts, repeated parts, JSON and deepObject parts', async () => {
    seen.length = 0;
    answers.push({ status: 201 });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const result = await client.uploadFile!({
      body: {
        purpose: 'dispute_evidence',
        file: new Blob([pdf], { type: 'application/pdf' }),
        attachments: [new Uint8Array([1, 2, 3]), new Blob(['plain'])],
        meta: { title: 'Receipt', pages: 2 },
        tags: ['x', 'y'],
        link_data: { create: true, expires_at: 1700000000 },
        notes: '# Heading',
      },
    });
    expect(result).toBeUndefined();
    const request = seen[0]!;
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
    const form = await parseMultipart(request);
    expect(form.get('purpose')).toBe('dispute_evidence');
    const file = form.get('file') as File;
    expect([file.type, Buffer.from(await file.arrayBuffer())]).toStrictEqual(['application/pdf', Buffer.from(pdf)]);
    const attachments = form.getAll('attachments') as File[];
    expect(
      await Promise.all(attachments.map(async (part) => [part.type, Buffer.from(await part.arrayBuffer()).toString('hex')])),
    ).toStrictEqual([
      ['application/octet-stream', '010203'],
      ['application/octet-stream', Buffer.from('plain').toString('hex')], // fetch's type for a Blob without one
    ]);
    expect(JSON.parse(form.get('meta') as string)).toStrictEqual({ title: 'Receipt', pages: 2 });
    expect(form.getAll('tags')).toStrictEqual(['x', 'y']);
    expect([form.get('link_data[create]'), form.get('link_data[expires_at]'), form.has('link_data')]).toStrictEqual([
      'true',
      '1700000000',
      false,
    ]);
    const notes = form.get('notes') as File;
    expect([notes.type, await notes.text()]).toStrictEqual(['text/markdown', '# Heading']);
  });

  it('read no body where the document declares none, and tell the default response apart', async () => {
    seen.length = 0;
    answers.push(
      { status: 200, body: 'ignored' },
      { status: 404, body: '{"message":"gone"}' },
      { status: 409, body: '{"message":"conflict"}' },
      { status: 418, body: '{"title":"teapot"}' },
    );
    expect(await client.putWidget!({ path: { id: 'w1' }, body: {} })).toBeUndefined();
    type Failure = { status: number; body: unknown; is: (status: number | string) => boolean };
    const failures: Failure[] = [];
    for (let index = 0; index < 3; index++)
      failures.push((await client.getWidget!({ path: { id: 'w1' } }).catch((error: unknown) => error)) as Failure);
    expect(failures.map(({ status, body }) => [status, body])).toStrictEqual([
      [404, undefined],
      [409, undefined],
      [418, { title: 'teapot' }],
    ]);
    expect(failures.map((failure) => [failure.is('default'), failure.is(404)])).toStrictEqual([
      [false, true],
      [false, false],
      [true, false],
    ]);
  });

  it('send an ANY operation with the method the caller chose', async () => {
    seen.length = 0;
    for (const method of ['PUT', 'DELETE', 'PATCH']) await client.anyProxy!({ method, path: { path: 'a' } });
    await expect(client.anyProxy!({ path: { path: 'a' } })).rejects.toThrow(/pass the one to send as `method`/);
    expect(seen.map((request) => `${request.method} ${request.url}`)).toStrictEqual([
      'PUT /v1/proxy/a',
      'DELETE /v1/proxy/a',
      'PATCH /v1/proxy/a',
    ]);
  });

  it('type them so that a consumer compiles and wrong uses do not (tsc --strict), laid out as Prettier would', async () => {
    await expectPrettierFormatted(files.filter((file) => !file.path.startsWith('src/runtime/')));
    writeFileSync(join(out, 'src/consumer.ts'), CONSUMER);
    const output = await compile(out, ['--noEmit']);
    // An unused @ts-expect-error is an error too, so each refusal below is checked.
    expect(output).toBe('');
  });
});

/** What must compile, and (`@ts-expect-error`) what must not. */
const CONSUMER = `
import { BodiesAPIClient, isApiError, type Models } from './index.js';

export async function calls(client: BodiesAPIClient): Promise<string> {
  await client.createCustomer({ body: { name: 'n', metadata: { a: 'b' }, address: { city: 'c' }, expand: ['x'] } });
  // @ts-expect-error a form body is an object of the schema, not a string
  await client.createCustomer({ body: 'name=n' });
  // @ts-expect-error balance is an integer
  await client.createCustomer({ body: { name: 'n', balance: '5' } });
  await client.uploadFile({ body: { purpose: 'identity_document', file: new Blob(['x']), attachments: [new Uint8Array([1])] } });
  // @ts-expect-error a FormData is not the schema's object
  await client.uploadFile({ body: new FormData() });
  // @ts-expect-error purpose is one of the enum's values
  await client.uploadFile({ body: { purpose: 'other', file: new Blob(['x']) } });
  const nothing: void = await client.uploadFile({ body: { purpose: 'identity_document', file: new Blob(['x']) } });
  await client.putWidget({ path: { id: 'w' }, body: {} });
  // @ts-expect-error every property of Widget is read-only: there is nothing to send
  await client.putWidget({ path: { id: 'w' }, body: { id: 'w' } });
  const input: Models.WidgetInput = {};
  await client.anyProxy({ method: 'DELETE', path: { path: 'p' } });
  // @ts-expect-error GET is an operation of its own on this path
  await client.anyProxy({ method: 'GET', path: { path: 'p' } });
  // @ts-expect-error the method is the caller's choice, and required
  await client.anyProxy({ path: { path: 'p' } });
  try {
    return (await client.getWidget({ path: { id: 'w' } })).id ?? String(nothing) + String(input);
  } catch (error) {
    if (isApiError(error, 'getWidget') && error.is('default')) return error.body.title;
    if (isApiError(error, 'getWidget') && error.is(404)) {
      const none: undefined = error.body;
      return String(none);
    }
    // @ts-expect-error the key is 'default', as OpenAPI spells it
    if (isApiError(error, 'getWidget') && error.is('DEFAULT')) return 'never';
    throw error;
  }
}
`;
