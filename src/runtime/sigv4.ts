/**
 * SigV4 request signing for operations authorized by AWS IAM, on the AWS SDK's own signer
 * (`@smithy/signature-v4` with `@aws-crypto/sha256-js`): this file only adapts a fetch request
 * to it. It is copied into an SDK package only when the API has IAM-authorized operations, and
 * the package then depends on those two libraries.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AuthOptions, ClientOptions, RequestSigner, SignableRequest } from './client.js';

/** AWS credentials, as AWS SDK v3 resolves them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (assumed roles, SSO, instance and container roles). */
  sessionToken?: string;
}

/**
 * Resolves credentials for each signature. AWS SDK v3 providers fit, and cache and refresh
 * temporary credentials themselves: `fromNodeProviderChain()` from `@aws-sdk/credential-providers`.
 */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** Client options of APIs with operations authorized by AWS IAM. */
export interface SigV4Options {
  /** Signs the operations authorized by AWS IAM. Without it, calling one of them throws. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  /**
   * The region the API is deployed in. By default, the region of an `execute-api` base URL,
   * else `apiGateway.region`.
   */
  region?: string;
}

/** The options of a client whose API has operations authorized by AWS IAM. */
export type SigV4ClientOptions<Auth extends object = AuthOptions> = ClientOptions<Auth> & SigV4Options;

/**
 * The signer a client uses for its IAM-authorized operations, for the `execute-api` service, or
 * `undefined` when the options carry no credentials.
 * @example
 * const signer = signerForClient({ baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod', credentials: fromNodeProviderChain() });
 */
export function signerForClient(options: SigV4ClientOptions<object>): RequestSigner | undefined {
  if (options.credentials === undefined) return undefined;
  return createSigV4Signer({
    credentials: options.credentials,
    region: options.region ?? regionOfUrl(options.baseUrl) ?? options.apiGateway?.region,
    service: 'execute-api',
  });
}

/**
 * The `signer` client option that signs the operations authorized by AWS IAM, for the
 * `execute-api` service, in `region` or else the region of each request's execute-api URL.
 * @example
 * const client = createClient({ baseUrl, signer: sigv4Auth({ credentials: fromNodeProviderChain() }) });
 */
export function sigv4Auth(options: Required<Pick<SigV4Options, 'credentials'>> & Pick<SigV4Options, 'region'>): RequestSigner {
  const signers = new Map<string | undefined, RequestSigner>();
  return {
    sign(request) {
      const region = options.region ?? regionOfUrl(request.url);
      let signer = signers.get(region);
      if (signer === undefined) {
        signer = createSigV4Signer({ credentials: options.credentials, region, service: 'execute-api' });
        signers.set(region, signer);
      }
      return signer.sign(request);
    },
  };
}

/** The options with the `signer` their `credentials` make, unless they have one (the client class's constructor). */
export function withSigner<Options extends SigV4ClientOptions<object>>(options: Options): Options {
  const signer = options.signer ?? signerForClient(options);
  return signer === undefined ? options : { ...options, signer };
}

export interface SigV4Settings {
  credentials: AwsCredentials | AwsCredentialsProvider;
  /** Required to sign; when it is missing, signing fails with an error that says how to give it. */
  region: string | undefined;
  service: string;
  /** The signing time (default: now); tests fix it. */
  now?: () => Date;
}

/**
 * A SigV4 signer for one service and region. Each call signs the final request afresh (new date,
 * fresh credentials), so it is called once per attempt. The signature covers the method, path,
 * query, every header given (plus `host`, `x-amz-date` and `x-amz-security-token`) and the SHA-256
 * of the body.
 */
export function createSigV4Signer(settings: SigV4Settings): RequestSigner {
  const { region } = settings;
  const signer = new SignatureV4({
    credentials: settings.credentials,
    region: () =>
      region
        ? Promise.resolve(region)
        : Promise.reject(
            new TypeError(
              'Signing a request for AWS IAM needs the AWS region: pass `region` (or an execute-api `baseUrl`, or `apiGateway`) in the client options.',
            ),
          ),
    service: settings.service,
    sha256: Sha256,
    // API Gateway hashes the body itself; the hash goes into the signature, not into a header.
    applyChecksum: false,
  });
  return {
    async sign(request: SignableRequest): Promise<Headers> {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      // fetch sends Host itself, from the URL; the signature must cover the same value.
      headers.host = url.host;
      const signed = await signer.sign(
        {
          method: request.method.toUpperCase(),
          protocol: url.protocol,
          hostname: url.hostname,
          ...(url.port ? { port: Number(url.port) } : {}),
          path: url.pathname,
          query: parseQuery(url.search),
          headers,
          body: await payload(request.body),
        },
        { signingDate: settings.now?.() ?? new Date() },
      );
      const result = new Headers();
      for (const [name, value] of Object.entries(signed.headers)) if (name !== 'host') result.set(name, value);
      return result;
    },
  };
}

/** The region of an API Gateway URL (`https://{id}.execute-api.{region}.amazonaws.com/…`, VPC endpoints included). */
function regionOfUrl(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  let hostname: string;
  try {
    hostname = new URL(baseUrl).hostname;
  } catch {
    return undefined;
  }
  return /\.execute-api\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/.exec(hostname)?.[1];
}

/** The query of a URL as the signer takes it: decoded names and values, repeated names as lists. */
function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1));
    // Own fields only: a parameter named `constructor` or `__proto__` is one like any other.
    const previous = Object.hasOwn(query, name) ? query[name] : undefined;
    const values = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    Object.defineProperty(query, name, { value: values, enumerable: true, writable: true, configurable: true });
  }
  return query;
}

/** The body as bytes or text the signer can hash. */
async function payload(body: SignableRequest['body']): Promise<string | Uint8Array | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('SigV4 signing hashes the whole body: send a string, Blob, ArrayBuffer or Uint8Array, not a stream or FormData.');
}
