import { describe, expect, it } from 'vitest';
import type { SignableRequest } from '../../../src/runtime/client.js';
import { createSigV4Signer, signerForClient, type AwsCredentials } from '../../../src/runtime/sigv4.js';
import { verifySigV4 } from '../../support/sigv4-verifier.js';

/**
 * The credentials, scope and time of the AWS SigV4 test suite. Expected signatures are the suite's
 * own: awslabs/aws-c-auth `tests/aws-signing-test-suite/v4/<name>/header-signed-request.txt` and
 * smithy-lang/smithy-typescript `packages/signature-v4/src/suite.fixture.ts` (the 2015 suite
 * without `x-amz-content-sha256`).
 */
const suite = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 'service',
  now: () => new Date('2015-08-30T12:36:00Z'),
};
const scope = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

function request(url: string, init: Partial<Omit<SignableRequest, 'url'>> = {}): SignableRequest {
  return { method: 'GET', url, headers: new Headers(), body: null, ...init };
}

describe('SigV4 signer, against the AWS SigV4 test suite', () => {
  const signer = createSigV4Signer(suite);

  it('get-vanilla', async () => {
    const headers = await signer.sign(request('https://example.amazonaws.com/'));
    expect(Object.fromEntries(headers)).toStrictEqual({
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
      'x-amz-date': '20150830T123600Z',
    });
  });

  it('get-vanilla-query-order-key-case', async () => {
    const headers = await signer.sign(request('https://example.amazonaws.com/?Param2=value2&Param1=value1'));
    expect(headers.get('authorization')).toBe(
      `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
    );
  });

  it.each([
    ['a string', 'Param1=value1'],
    ['a Uint8Array', new TextEncoder().encode('Param1=value1')],
    ['an ArrayBuffer', new TextEncoder().encode('Param1=value1').buffer],
    ['a Blob', new Blob(['Param1=value1'])],
    ['URLSearchParams', new URLSearchParams({ Param1: 'value1' })],
  ])('post-x-www-form-urlencoded, with the body as %s', async (_kind, body) => {
    const headers = await signer.sign(
      request('https://example.amazonaws.com/', {
        method: 'POST',
        headers: new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
        body,
      }),
    );
    expect(headers.get('authorization')).toBe(
      `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a`,
    );
    expect(headers.get('content-type')).toBe('application/x-www-form-urlencoded');
  });
});

describe('SigV4 signer for execute-api', () => {
  const credentials: AwsCredentials = { ...suite.credentials, sessionToken: 'session-token/with+symbols=' };
  const now = () => new Date('2026-03-01T09:30:15Z');

  it('signs a JSON body, the session token, the query and the API key as aws4 recomputes them', async () => {
    const body = JSON.stringify({ repository: 'acme/app', branch: 'main' });
    const signer = createSigV4Signer({ credentials, region: 'eu-west-1', service: 'execute-api', now });
    const url = 'https://j0b5a1p2i3.execute-api.eu-west-1.amazonaws.com/prod/jobs/job%201?include=logs&include=artifacts&verbose=true';
    const headers = await signer.sign({
      method: 'POST',
      url,
      headers: new Headers({ 'content-type': 'application/json', 'x-api-key': 'key-123' }),
      body,
    });
    expect(headers.get('x-amz-date')).toBe('20260301T093015Z');
    expect(headers.get('x-amz-security-token')).toBe(credentials.sessionToken);
    expect(headers.has('host')).toBe(false);
    expect(headers.has('x-amz-content-sha256')).toBe(false);
    const check = verifySigV4(
      { method: 'POST', url: url.slice(url.indexOf('/prod')), headers: { host: new URL(url).host, ...Object.fromEntries(headers) }, body },
      { credentials, region: 'eu-west-1' },
    );
    expect(check.received).toBe(check.expected);
    expect(headers.get('authorization')).toContain(
      'Credential=AKIDEXAMPLE/20260301/eu-west-1/execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-api-key, ',
    );
    const otherBody = await signer.sign({
      method: 'POST',
      url,
      headers: new Headers({ 'content-type': 'application/json', 'x-api-key': 'key-123' }),
      body: '{}',
    });
    expect(otherBody.get('authorization')).not.toBe(headers.get('authorization'));
  });

  it("signs query parameters named like Object.prototype's members, repeated ones too, as aws4 recomputes them", async () => {
    const signer = createSigV4Signer({ credentials, region: 'eu-west-1', service: 'execute-api', now });
    const path = '/prod/items?constructor=a&toString=b&valueOf=c&hasOwnProperty=d&hasOwnProperty=e&page=1';
    const headers = await signer.sign(request(`https://j0b5a1p2i3.execute-api.eu-west-1.amazonaws.com${path}`));
    const check = verifySigV4(
      {
        method: 'GET',
        url: path,
        headers: { host: 'j0b5a1p2i3.execute-api.eu-west-1.amazonaws.com', ...Object.fromEntries(headers) },
        body: '',
      },
      { credentials, region: 'eu-west-1' },
    );
    expect(check.received).toBe(check.expected);
  });

  it('asks the credentials provider again for every signature', async () => {
    let calls = 0;
    // Shaped like an AWS SDK v3 identity provider, which takes optional identity properties.
    const provider: (properties?: Record<string, unknown>) => Promise<AwsCredentials> = () =>
      Promise.resolve({ ...credentials, sessionToken: `token-${++calls}` });
    const signer = createSigV4Signer({ credentials: provider, region: 'eu-west-1', service: 'execute-api', now });
    const first = await signer.sign(request('https://example.com/prod/'));
    const second = await signer.sign(request('https://example.com/prod/'));
    expect([first.get('x-amz-security-token'), second.get('x-amz-security-token')]).toStrictEqual(['token-1', 'token-2']);
    expect(first.get('authorization')).not.toBe(second.get('authorization'));
  });

  it('signs the port of a non-default port', async () => {
    const signer = createSigV4Signer({ credentials, region: 'eu-west-1', service: 'execute-api', now });
    const headers = await signer.sign(request('http://127.0.0.1:8080/prod/health'));
    const check = verifySigV4(
      { method: 'GET', url: '/prod/health', headers: { host: '127.0.0.1:8080', ...Object.fromEntries(headers) }, body: '' },
      { credentials, region: 'eu-west-1' },
    );
    expect(check.received).toBe(check.expected);
    expect(check.signedHeaders).toStrictEqual(['host', 'x-amz-date', 'x-amz-security-token']);
  });

  it('refuses bodies it cannot hash', async () => {
    const signer = createSigV4Signer({ credentials, region: 'eu-west-1', service: 'execute-api', now });
    await expect(signer.sign(request('https://example.com/', { method: 'PUT', body: new Blob(['x']).stream() }))).rejects.toThrow(
      /hashes the whole body/,
    );
  });
});

describe('signerForClient', () => {
  const credentials = suite.credentials;
  const scopeOf = async (options: Parameters<typeof signerForClient>[0]) => {
    const headers = await signerForClient(options)!.sign(request('https://example.com/prod/'));
    return /Credential=[^/]+\/\d{8}\/([^,]+), /.exec(headers.get('authorization') ?? '')?.[1];
  };

  it('has nothing to sign with when the options carry no credentials', () => {
    expect(signerForClient({ baseUrl: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod' })).toBeUndefined();
  });

  it('signs for execute-api in the region given, else that of an execute-api URL, else that of apiGateway', async () => {
    const apiGateway = { restApiId: 'a1b2c3', region: 'ap-southeast-2', stage: 'prod' };
    expect(await scopeOf({ credentials, apiGateway, region: 'us-west-2' })).toBe('us-west-2/execute-api/aws4_request');
    expect(await scopeOf({ credentials, baseUrl: 'https://a1b2c3.execute-api.eu-central-1.amazonaws.com/prod' })).toBe(
      'eu-central-1/execute-api/aws4_request',
    );
    expect(await scopeOf({ credentials, baseUrl: 'https://a1b2c3-vpce-0123.execute-api.eu-north-1.vpce.amazonaws.com/prod' })).toBe(
      'eu-north-1/execute-api/aws4_request',
    );
    expect(await scopeOf({ credentials, apiGateway })).toBe('ap-southeast-2/execute-api/aws4_request');
    expect(await scopeOf({ credentials, baseUrl: 'https://api.example.com/v1', apiGateway })).toBe(
      'ap-southeast-2/execute-api/aws4_request',
    );
  });

  it('fails to sign, saying how to fix it, when no region can be found', async () => {
    const signer = signerForClient({ credentials, baseUrl: 'https://api.example.com/v1' });
    await expect(signer!.sign(request('https://api.example.com/v1/jobs'))).rejects.toThrow(/needs the AWS region: pass `region`/);
  });
});
