import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeConfig } from '../../src/config/types.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { writeEchoHandlers } from '../support/echo-handlers.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * IAM authorization under `serve`, over real HTTP: requests signed by the AWS SDK's signer
 * (`@smithy/signature-v4` with `@aws-crypto/sha256-js`) and by the independent `aws4` package
 * pass with the config's credentials; a wrong secret, a changed body, an unknown key, a stale
 * signature or expired credentials get API Gateway's 403s; the caller reaches the integration.
 *
 * Expected values and their sources:
 * - `Missing Authentication Token` (IncompleteSignatureException) for an unsigned request to an
 *   IAM method, `INVALID_SIGNATURE` and `EXPIRED_TOKEN` as 403 gateway responses:
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 * - the messages of a wrong signature, an unknown key and a stale date:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
 *   (`The request signature we calculated does not match the signature you provided. Check your
 *   AWS Secret Access Key and signing method. Consult the service documentation for details.`,
 *   `The security token included in the request is invalid`, `Signature expired: … is now earlier than …`)
 * - REST `requestContext.identity` of an IAM caller (`accessKey`, `accountId`, `caller`, `user`,
 *   `userArn`): https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-request.json;
 *   payload 2.0 `requestContext.authorizer.iam`:
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-iam.json
 */

const DEV = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const EXPIRED = { accessKeyId: 'ASIAIOSFODNN7EXPIRED', secretAccessKey: 'old-secret', sessionToken: 'old-session' };
const auth: ServeConfig = {
  authorizers: {},
  iamCredentials: [
    { ...DEV, userArn: 'arn:aws:iam::111122223333:user/dev', userId: 'AIDAEXAMPLEUSERID' },
    { ...EXPIRED, expiration: '2020-01-01T00:00:00Z' },
  ],
};

let rest: RunningServer;
let http: RunningServer;

beforeAll(async () => {
  const restDocument = join(fixturesRoot, 'serve/rest-authorizers.yaml');
  const httpDocument = join(fixturesRoot, 'serve/http-authorizers.yaml');
  const [restHandlers, httpHandlers] = await Promise.all([writeEchoHandlers(restDocument, {}), writeEchoHandlers(httpDocument, {})]);
  const restApi = await loadApi(restDocument);
  const httpApi = await loadApi(httpDocument);
  const serve = (api: typeof restApi, stage: string, handlers: string) =>
    startServer(new LocalGateway(api.model, { document: api.document, stage, handlers: new LambdaHandlers(api.model, handlers), auth }), {
      port: 0,
      host: '127.0.0.1',
      log: () => {},
    });
  [rest, http] = await Promise.all([serve(restApi, 'dev', restHandlers), serve(httpApi, '$default', httpHandlers)]);
}, 120_000);

afterAll(() => Promise.all([rest?.close(), http?.close()]));

interface SignedCall {
  method?: string;
  body?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  signingDate?: Date;
  /** Sent instead of the body that was signed. */
  sentBody?: string;
}

/** Calls the server with a request signed by the AWS SDK's SigV4 signer. */
async function sdkSigned(server: RunningServer, path: string, options: SignedCall = {}) {
  const url = new URL(path, server.url);
  const method = options.method ?? 'GET';
  const signer = new SignatureV4({ credentials: options.credentials ?? DEV, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });
  const signed = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(options.body === undefined ? {} : { body: options.body }),
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
  return read(await fetch(url, { method, headers, ...(options.body === undefined ? {} : { body: options.sentBody ?? options.body }) }));
}

async function read(response: Response) {
  const json = (await response.json()) as { message?: string; requestContext?: { identity?: unknown; authorizer?: unknown } };
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), json };
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('REST IAM authorization', () => {
  it('answers 403 Missing Authentication Token to an unsigned request', async () => {
    const { status, errorType, json } = await read(await fetch(`${rest.url}/admin/stats`));
    expect(status).toBe(403);
    expect(errorType).toBe('IncompleteSignatureException');
    expect(json).toStrictEqual({ message: 'Missing Authentication Token' });
  });

  it("passes a request the SDK's signer signed, and gives the integration the caller's identity", async () => {
    const { status, json } = await sdkSigned(rest, '/admin/reindex', { method: 'POST', body: '{"full":true}' });
    expect(status).toBe(200);
    expect(json.requestContext?.identity).toMatchObject({
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      accountId: '111122223333',
      caller: 'AIDAEXAMPLEUSERID',
      user: 'AIDAEXAMPLEUSERID',
      userArn: 'arn:aws:iam::111122223333:user/dev',
    });
  });

  it('passes a request signed by the independent aws4 package, query string included (x-amazon-apigateway-auth)', async () => {
    const url = new URL('/admin/stats?window=7d&metric=a&metric=b', rest.url);
    const signed = aws4.sign(
      { host: url.host, path: `${url.pathname}${url.search}`, method: 'GET', service: 'execute-api', region: 'us-east-1' },
      DEV,
    );
    const headers = Object.fromEntries(
      Object.entries(signed.headers ?? {})
        .filter(([name]) => name.toLowerCase() !== 'host')
        .map(([name, value]) => [name, String(value)]),
    );
    expect((await read(await fetch(url, { headers }))).status).toBe(200);
  });

  it("passes a signed request whose query parameters are named like Object.prototype's members (plain names to SigV4)", async () => {
    const { status } = await sdkSigned(rest, '/admin/stats?constructor=1&toString=2&__proto__=3&valueOf=4&hasOwnProperty=5');
    expect(status).toBe(200);
  });

  it('refuses a wrong secret and a body changed after signing with the signature mismatch message', async () => {
    const wrongSecret = await sdkSigned(rest, '/admin/stats', { credentials: { ...DEV, secretAccessKey: 'not-the-secret' } });
    const changedBody = await sdkSigned(rest, '/admin/reindex', { method: 'POST', body: '{"full":true}', sentBody: '{"full":false}' });
    for (const answer of [wrongSecret, changedBody]) {
      expect(answer.status).toBe(403);
      expect(answer.errorType).toBe('InvalidSignatureException');
      expect(answer.json).toStrictEqual({ message: SIGNATURE_MISMATCH });
    }
  });

  it('refuses an access key it does not know', async () => {
    const { status, errorType, json } = await sdkSigned(rest, '/admin/stats', {
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
    });
    expect(status).toBe(403);
    expect(errorType).toBe('UnrecognizedClientException');
    expect(json).toStrictEqual({ message: 'The security token included in the request is invalid.' });
  });

  it('refuses a signature dated more than 5 minutes ago', async () => {
    const { status, json } = await sdkSigned(rest, '/admin/stats', { signingDate: new Date(Date.now() - 10 * 60_000) });
    expect(status).toBe(403);
    expect(json.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  it('answers EXPIRED_TOKEN for credentials past their expiration', async () => {
    const { status, errorType, json } = await sdkSigned(rest, '/admin/stats', { credentials: EXPIRED });
    expect(status).toBe(403);
    expect(errorType).toBe('ExpiredTokenException');
    expect(json).toStrictEqual({ message: 'The security token included in the request is expired' });
  });

  it('says what an incomplete Authorization header lacks', async () => {
    const response = await fetch(`${rest.url}/admin/stats`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/execute-api/aws4_request' },
    });
    const { status, json } = await read(response);
    expect(status).toBe(403);
    expect(json.message).toContain("Authorization header requires 'Signature' parameter.");
    expect(json.message).toContain("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  });
});

describe('HTTP API IAM authorization', () => {
  it('gives payload 2.0 integrations the caller in requestContext.authorizer.iam', async () => {
    const { status, json } = await sdkSigned(http, '/iam');
    expect(status).toBe(200);
    expect(json.requestContext?.authorizer).toStrictEqual({
      iam: {
        accessKey: 'AKIAIOSFODNN7EXAMPLE',
        accountId: '111122223333',
        callerId: 'AIDAEXAMPLEUSERID',
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: 'arn:aws:iam::111122223333:user/dev',
        userId: 'AIDAEXAMPLEUSERID',
      },
    });
  });

  it('gives payload 1.0 integrations the caller in requestContext.identity', async () => {
    const { status, json } = await sdkSigned(http, '/iam/v1');
    expect(status).toBe(200);
    expect(json.requestContext?.identity).toMatchObject({
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      userArn: 'arn:aws:iam::111122223333:user/dev',
    });
    expect((await read(await fetch(`${http.url}/iam/v1`))).status).toBe(403);
  });
});
