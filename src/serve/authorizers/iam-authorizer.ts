import { timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamCredentialConfig } from '../../config/types.js';
import type { ApiModel } from '../../model/types.js';
import type { AuthorizationCall, AuthorizationOutcome, Authorizer } from './authorization.js';
import { LOCAL_ARN } from './method-arn.js';
import { ownField, setOwn } from '../own-fields.js';

/**
 * IAM authorization (`AWS_IAM`, `x-amazon-apigateway-authtype: awsSigv4`): the request's SigV4
 * signature is recomputed with the AWS SDK's signer (`@smithy/signature-v4`) from the method, raw
 * path, query, the headers the signature lists and the body, with the secret of the access key it
 * names (the config's `serve.iamCredentials`), and must match. Refusals are API Gateway's 403s:
 * no signature `Missing Authentication Token`, an unknown key `The security token included in the
 * request is invalid.`, a wrong signature `The request signature we calculated does not match the
 * signature you provided...`, a stale one `Signature expired: ...`. The caller reaches the
 * integration as `requestContext.identity` (REST, payload 1.0) or `requestContext.authorizer.iam`
 * (payload 2.0).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
 */

export interface IamAuthorizerOptions {
  model: ApiModel;
  credentials: readonly IamCredentialConfig[];
  now?: () => number;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 (.*)$/;
/** API Gateway refuses signatures dated more than 5 minutes from its clock. */
const SKEW_MS = 5 * 60_000;

/** A request to an IAM method without a complete signature: the error type API Gateway's SigV4 checks name. */
const INCOMPLETE_SIGNATURE = { 'x-amzn-errortype': 'IncompleteSignatureException' };

export class IamAuthorizer implements Authorizer {
  readonly #options: IamAuthorizerOptions;
  readonly #signers = new Map<string, { credentials: IamCredentialConfig; signer: SignatureV4 }>();
  readonly #now: () => number;

  constructor(options: IamAuthorizerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    for (const credentials of options.credentials) {
      const signer = new SignatureV4({
        credentials: {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
        },
        region: LOCAL_ARN.region,
        service: 'execute-api',
        sha256: Hash.bind(null, 'sha256'),
        // The checksum header counts only when the client signed it: then it is among the signed headers.
        applyChecksum: false,
      });
      this.#signers.set(credentials.accessKeyId, { credentials, signer });
    }
  }

  async authorize(call: AuthorizationCall): Promise<AuthorizationOutcome> {
    const { request } = call;
    const header = request.headers.authorization;
    if (header === undefined) return { refused: { type: 'MISSING_AUTHENTICATION_TOKEN', headers: INCOMPLETE_SIGNATURE } };
    const parsed = parseAuthorization(header, request.headers['x-amz-date']);
    if ('incomplete' in parsed)
      return { refused: { type: 'MISSING_AUTHENTICATION_TOKEN', message: parsed.incomplete, headers: INCOMPLETE_SIGNATURE } };
    const { accessKeyId, scopeDate, region, service, signedHeaders, signature } = parsed;
    const known = this.#signers.get(accessKeyId);
    const sessionToken = request.headers['x-amz-security-token'];
    if (!known || (known.credentials.sessionToken !== undefined && sessionToken !== known.credentials.sessionToken)) {
      return {
        refused: {
          type: 'INVALID_SIGNATURE',
          message: 'The security token included in the request is invalid.',
          headers: { 'x-amzn-errortype': 'UnrecognizedClientException' },
        },
      };
    }
    if (known.credentials.expiration !== undefined && Date.parse(known.credentials.expiration) <= this.#now())
      return { refused: { type: 'EXPIRED_TOKEN' } };
    if (service !== 'execute-api')
      return { refused: { type: 'INVALID_SIGNATURE', message: `Credential should be scoped to correct service: 'execute-api'. ` } };
    const signingDate = amzDate(request.headers['x-amz-date']!);
    if (!signingDate || scopeDate !== request.headers['x-amz-date']!.slice(0, 8)) {
      return {
        refused: {
          type: 'INVALID_SIGNATURE',
          message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${request.headers['x-amz-date']!.slice(0, 8)}', from '${request.headers['x-amz-date']!}'.`,
        },
      };
    }
    const skew = signingDate.getTime() - this.#now();
    if (Math.abs(skew) > SKEW_MS)
      return { refused: { type: 'INVALID_SIGNATURE', message: staleMessage(request.headers['x-amz-date']!, this.#now(), skew > 0) } };
    // A signed body hash stands for the body in the signature: it must be the body's.
    const contentHash = request.headers['x-amz-content-sha256'];
    if (contentHash !== undefined && contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== (await sha256Hex(request.body))) {
      return { refused: { type: 'INVALID_SIGNATURE' } };
    }
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of request.query) {
      const previous = ownField(query, name);
      setOwn(query, name, previous === undefined ? value : [previous].flat().concat(value));
    }
    const host = request.headers.host ?? '';
    const signed = await known.signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: host.replace(/:\d+$/, ''),
        path: request.path,
        query,
        headers: Object.fromEntries(signedHeaders.map((name) => [name, ownField(request.headers, name) ?? ''])),
        body: request.body,
      },
      { signingDate, signingRegion: region, signableHeaders: new Set(signedHeaders) },
    );
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1] ?? '';
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
      return { refused: { type: 'INVALID_SIGNATURE' } };
    return { granted: this.#caller(known.credentials, call.integrationVersion) };
  }

  /** The caller as API Gateway describes it: `identity` fields (REST, payload 1.0), `authorizer.iam` (payload 2.0). */
  #caller(
    credentials: IamCredentialConfig,
    version: '1.0' | '2.0',
  ): { identity?: Record<string, unknown>; authorizer?: Record<string, unknown> } {
    const accountId = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(credentials.userArn ?? '')?.[1] ?? LOCAL_ARN.accountId;
    const userArn = credentials.userArn ?? `arn:aws:iam::${LOCAL_ARN.accountId}:user/local`;
    const userId = credentials.userId ?? credentials.accessKeyId;
    if (this.#options.model.kind === 'http' && version === '2.0') {
      return {
        authorizer: {
          iam: {
            accessKey: credentials.accessKeyId,
            accountId,
            callerId: userId,
            cognitoIdentity: null,
            principalOrgId: null,
            userArn,
            userId,
          },
        },
      };
    }
    return { identity: { accessKey: credentials.accessKeyId, accountId, caller: userId, user: userId, userArn } };
  }
}

type ParsedAuthorization =
  | { accessKeyId: string; scopeDate: string; region: string; service: string; signedHeaders: string[]; signature: string }
  | { incomplete: string };

/**
 * `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=…`,
 * or API Gateway's IncompleteSignatureException message naming what is missing.
 */
function parseAuthorization(header: string, amzDateHeader: string | undefined): ParsedAuthorization {
  const parameters = new Map<string, string>();
  for (const part of (AUTHORIZATION.exec(header)?.[1] ?? '').split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name) parameters.set(name, value.join('='));
  }
  const credential = parameters.get('Credential')?.split('/');
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !parameters.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (amzDateHeader === undefined) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0 || credential?.length !== 5) return { incomplete: `${missing.join(' ')} Authorization=${header}`.trim() };
  const [accessKeyId, scopeDate, region, service] = credential as [string, string, string, string, string];
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaders: parameters.get('SignedHeaders')!.split(';'),
    signature: parameters.get('Signature')!,
  };
}

async function sha256Hex(body: Buffer): Promise<string> {
  const hash = new Hash('sha256');
  hash.update(body);
  return Buffer.from(await hash.digest()).toString('hex');
}

/** `20240101T120000Z` → its Date. */
function amzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value);
  if (!match) return undefined;
  const [year = 0, month = 1, day, hours, minutes, seconds] = match.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}

/** API Gateway's words for a signature dated too far from now. */
function staleMessage(signed: string, now: number, future: boolean): string {
  const format = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
  return future
    ? `Signature not yet current: ${signed} is still later than ${format(now + SKEW_MS)} (${format(now)} + 5 min.)`
    : `Signature expired: ${signed} is now earlier than ${format(now - SKEW_MS)} (${format(now)} - 5 min.)`;
}
