import { describe, expect, it } from 'vitest';
import {
  ApiClientCore,
  type ClientOptions,
  type OperationAuth,
  type OperationSpec,
  type RequestSigner,
  type SignableRequest,
} from '../../../src/runtime/client.js';
import { credentialAuth } from '../../../src/runtime/credential-auth.js';
import { iamAuth } from '../../../src/runtime/iam-auth.js';
import { writeBody } from '../../../src/runtime/write-body.js';

/** The schemes the specs below name: an IAM signature, and an API key in `x-api-key` (the `apiKey` option). */
const iam: OperationAuth = { scheme: 'iam', kind: iamAuth };
const apiKey: OperationAuth = { scheme: 'apiKey', kind: credentialAuth, in: 'header', name: 'x-api-key', fallback: 'apiKey' };

/** A client that sends one operation spec, through an injected fetch that records what it gets. */
class TestClient extends ApiClientCore {
  constructor(options: ClientOptions, signer?: RequestSigner) {
    super(signer ? { ...options, signer } : options);
  }

  send(spec: OperationSpec, params: object = {}): Promise<unknown> {
    return this.request(spec, params);
  }
}

function recorder(statuses: number[] = []) {
  const sent: Request[] = [];
  const fetch = (request: Request) => {
    sent.push(request);
    const status = statuses.shift() ?? 200;
    return Promise.resolve(new Response(JSON.stringify({ status }), { status, headers: { 'content-type': 'application/json' } }));
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

/** A signer that records what it is asked to sign and adds a numbered signature. */
function fakeSigner() {
  const seen: { method: string; url: string; headers: Record<string, string>; body: SignableRequest['body'] }[] = [];
  const signer: RequestSigner = {
    sign: (request) => {
      seen.push({ ...request, headers: Object.fromEntries(request.headers) });
      const headers = new Headers(request.headers);
      headers.set('authorization', `signature-${seen.length}`);
      return Promise.resolve(headers);
    },
  };
  return { seen, signer };
}

const createJob: OperationSpec = {
  name: 'createJob',
  response: 'none',
  errors: [],
  method: 'POST',
  path: '/jobs/{id}',
  query: [],
  auth: [[iam, apiKey]],
  bodyMediaType: 'application/json',
  bodyWriter: writeBody,
};
const getJob: OperationSpec = { name: 'op', response: 'none', errors: [], method: 'GET', path: '/jobs', query: [], auth: [[iam]] };
const getQuota: OperationSpec = { name: 'op', response: 'none', errors: [], method: 'GET', path: '/quota', query: [], auth: [[apiKey]] };

describe('ApiClientCore signing', () => {
  const base: ClientOptions = { baseUrl: 'https://api.example.com/prod', apiKey: 'key-123', headers: { 'x-trace': 't1' } };

  it('signs IAM operations once every header and the body are final, and sends what the signer returns', async () => {
    const { sent, fetch } = recorder();
    const { seen, signer } = fakeSigner();
    await new TestClient({ ...base, fetch }, signer).send(createJob, { path: { id: 'a b' }, body: { repository: 'r' } });
    expect(seen).toStrictEqual([
      {
        method: 'POST',
        url: 'https://api.example.com/prod/jobs/a%20b',
        headers: { 'content-type': 'application/json', 'x-api-key': 'key-123', 'x-trace': 't1' },
        body: '{"repository":"r"}',
      },
    ]);
    expect(sent[0]!.headers.get('authorization')).toBe('signature-1');
    expect(await sent[0]!.text()).toBe('{"repository":"r"}');
  });

  it('signs every attempt again', async () => {
    const { sent, fetch } = recorder([429, 503, 200]);
    const { seen, signer } = fakeSigner();
    await new TestClient({ ...base, fetch, retry: { maxAttempts: 3, baseDelayMs: 1 } }, signer).send(getJob);
    expect(seen).toHaveLength(3);
    expect(sent.map((request) => request.headers.get('authorization'))).toStrictEqual(['signature-1', 'signature-2', 'signature-3']);
  });

  it('does not sign operations that IAM does not authorize', async () => {
    const { sent, fetch } = recorder();
    const { seen, signer } = fakeSigner();
    await new TestClient({ ...base, fetch }, signer).send(getQuota);
    await new TestClient({ ...base, fetch }, signer).send({
      name: 'health',
      response: 'none',
      errors: [],
      method: 'GET',
      path: '/health',
      query: [],
      auth: [],
    });
    expect(seen).toHaveLength(0);
    expect(sent.map((request) => request.headers.get('authorization'))).toStrictEqual([null, null]);
  });

  it('refuses to send an IAM operation unsigned, and says which option is missing', async () => {
    const { sent, fetch } = recorder();
    await expect(new TestClient({ ...base, fetch }).send(getJob)).rejects.toThrow(
      'GET /jobs is authorized by AWS IAM: pass `signer: sigv4Auth({ credentials })` (or `credentials` to the client class) to sign it.',
    );
    expect(sent).toHaveLength(0);
  });

  it('picks the first alternative it can satisfy: a signature when it has a signer, else the API key', async () => {
    const either: OperationSpec = {
      name: 'op',
      response: 'none',
      errors: [],
      method: 'GET',
      path: '/either',
      query: [],
      auth: [[iam], [apiKey]],
    };
    const { sent, fetch } = recorder();
    const { seen, signer } = fakeSigner();
    await new TestClient({ ...base, fetch }, signer).send(either);
    await new TestClient({ ...base, fetch }).send(either);
    expect(seen).toHaveLength(1);
    expect(sent.map((request) => [request.headers.get('authorization'), request.headers.get('x-api-key')])).toStrictEqual([
      ['signature-1', null],
      [null, 'key-123'],
    ]);
  });
});
