import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ApiModel, AuthorizerModel, SecuritySchemeModel } from '../../model/types.js';
import type { ServeAuthorizerConfig } from '../../config/types.js';
import type { AuthorizationCall, AuthorizationOutcome, AuthorizationRefusal, Authorizer } from './authorization.js';
import { identityValues } from './identity-sources.js';

/**
 * Cognito user pool (REST) and JWT (HTTP API) authorizers: the bearer token's signature is
 * checked against a JWKS (a file or URL from the config, else `<issuer>/.well-known/jwks.json`)
 * with `jose`, then its issuer, audience (`aud`, or `client_id` for Cognito access tokens and
 * HTTP API tokens without `aud`), expiry and the operation's authorization scopes. With
 * `verifyTokens: false` the signature is not checked (the claims still are), for unsigned test
 * tokens. Claims reach the integration as API Gateway passes them: every value a string (arrays as
 * `[a b]`), REST's `exp`/`iat` as dates.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 */

export interface JwtAuthorizerOptions {
  model: ApiModel;
  scheme: SecuritySchemeModel & { authorizer: AuthorizerModel };
  settings: ServeAuthorizerConfig | undefined;
  verifyTokens: boolean;
  warn: (message: string) => void;
}

/** Public-key algorithms, which a JWKS can verify: `none` and HMAC tokens are refused before any key is fetched. */
const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** How many verified tokens are remembered at most. */
const VERIFIED_TOKENS_KEPT = 1000;

/** Why a token is refused: API Gateway's `error_description` on HTTP APIs. */
class TokenRefused extends Error {
  readonly expired: boolean;
  constructor(message: string, expired = false) {
    super(message);
    this.expired = expired;
  }
}

/** A token's claims, its scopes and its claims as the integration gets them. */
interface VerifiedToken {
  claims: JWTPayload;
  scopes: string[];
  strings: Record<string, string>;
}

export class JwtAuthorizer implements Authorizer {
  readonly #options: JwtAuthorizerOptions;
  readonly #rest: boolean;
  readonly #source: string;
  readonly #issuers: string[];
  readonly #audience: string[];
  #keys: JWTVerifyGetKey | undefined;
  #warnedUnverified = false;
  /**
   * Tokens whose signature and issuer were verified, with their claims and what the integration
   * gets of them: a client sends the same token again and again. Cognito user pool authorizers
   * have no documented result cache, but verifying the same token's signature again gives the same
   * answer; only the clock can change it, so expiry (`exp`) is checked again on every request.
   */
  readonly #verified = new Map<string, VerifiedToken>();

  constructor(options: JwtAuthorizerOptions) {
    this.#options = options;
    const { scheme, settings } = options;
    this.#rest = options.model.kind === 'rest';
    this.#source = scheme.authorizer.identitySource[0] ?? `method.request.header.${scheme.parameterName ?? 'Authorization'}`;
    const documented =
      scheme.authorizer.jwt?.issuer !== undefined ? [scheme.authorizer.jwt.issuer] : scheme.authorizer.providerArns.map(userPoolIssuer);
    this.#issuers = settings?.issuer !== undefined ? [settings.issuer] : documented.filter((issuer) => issuer !== undefined);
    this.#audience = settings?.audience ?? scheme.authorizer.jwt?.audience ?? [];
  }

  async authorize(call: AuthorizationCall): Promise<AuthorizationOutcome> {
    const { request } = call;
    const token = identityValues([this.#source], {
      headers: request.headers,
      query: request.query,
      stageVariables: request.stageVariables,
      context: {},
    })?.[0];
    if (token === undefined) return this.#refuse(new TokenRefused('no token'));
    const bearer = token.replace(/^Bearer\s+/i, '');
    let verified: VerifiedToken;
    try {
      verified = await this.#claims(bearer);
      this.#checkAudience(verified.claims);
    } catch (error) {
      if (error instanceof TokenRefused) return this.#refuse(error);
      this.#options.warn(`${this.#options.scheme.name}: cannot check tokens: ${String(error)}`);
      return {
        refused: this.#rest
          ? { type: 'AUTHORIZER_CONFIGURATION_ERROR' }
          : { type: 'AUTHORIZER_CONFIGURATION_ERROR', message: 'Internal Server Error' },
      };
    }
    const { scopes } = verified;
    if (call.scopes.length > 0 && !call.scopes.some((scope) => scopes.includes(scope))) {
      // REST refuses with 401; HTTP APIs with 403 and the scope they wanted.
      if (this.#rest) return { refused: { type: 'UNAUTHORIZED' } };
      return {
        refused: {
          type: 'ACCESS_DENIED',
          message: 'Forbidden',
          key: 'message',
          headers: {
            'www-authenticate': `Bearer scope="${call.scopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${call.scopes.join(' ')}]"`,
          },
        },
      };
    }
    // A copy per request: a mapping template may change `$context.authorizer.claims`.
    const strings = { ...verified.strings };
    if (this.#rest) return { granted: { authorizer: { claims: strings } } };
    const jwt = { claims: strings, scopes: scopes.length > 0 ? scopes : null };
    return { granted: { authorizer: call.integrationVersion === '2.0' ? { jwt } : jwt } };
  }

  /** The token's verified claims (signature, issuer, expiry), or only its claims when tokens are not verified. */
  async #claims(token: string): Promise<VerifiedToken> {
    if (!this.#options.verifyTokens) {
      if (!this.#warnedUnverified) {
        this.#options.warn(
          `${this.#options.scheme.name}: token signatures are NOT verified (--no-verify-tokens): any well-formed token with the right claims passes`,
        );
        this.#warnedUnverified = true;
      }
      let claims: JWTPayload;
      try {
        claims = decodeJwt(token);
      } catch {
        throw new TokenRefused('the token is not a JWT');
      }
      const now = Math.floor(Date.now() / 1000);
      if (typeof claims.exp === 'number' && claims.exp <= now) throw new TokenRefused('the token has expired', true);
      if (typeof claims.nbf === 'number' && claims.nbf > now) throw new TokenRefused('the token is not valid yet');
      if (this.#issuers.length > 0 && !this.#issuers.includes(String(claims.iss)))
        throw new TokenRefused('the token has an invalid issuer');
      return this.#described(claims);
    }
    const known = this.#verified.get(token);
    if (known) {
      if (typeof known.claims.exp === 'number' && known.claims.exp <= Math.floor(Date.now() / 1000)) {
        this.#verified.delete(token);
        throw new TokenRefused('the token has expired', true);
      }
      return known;
    }
    try {
      const { payload } = await jwtVerify(token, this.#keySet(), {
        algorithms: SIGNING_ALGORITHMS,
        ...(this.#issuers.length > 0 ? { issuer: this.#issuers } : {}),
      });
      if (this.#verified.size >= VERIFIED_TOKENS_KEPT) this.#verified.clear();
      const verified = this.#described(payload);
      this.#verified.set(token, verified);
      return verified;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRefused('the token has expired', true);
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw error;
      if (error instanceof errors.JOSEError) throw new TokenRefused(`the token is invalid (${error.code})`);
      throw error;
    }
  }

  #described(claims: JWTPayload): VerifiedToken {
    return { claims, scopes: tokenScopes(claims), strings: claimStrings(claims, this.#rest) };
  }

  /** HTTP APIs take `aud`, else `client_id`; Cognito id tokens carry the app client in `aud`, access tokens in `client_id`. */
  #checkAudience(claims: JWTPayload): void {
    if (this.#audience.length === 0) return;
    const audiences = claims.token_use === 'access' || claims.aud === undefined ? [claims.client_id] : [claims.aud].flat();
    if (!audiences.some((audience) => typeof audience === 'string' && this.#audience.includes(audience)))
      throw new TokenRefused('the token does not have a valid audience');
  }

  #keySet(): JWTVerifyGetKey {
    if (this.#keys) return this.#keys;
    const jwks =
      this.#options.settings?.jwks ??
      (this.#issuers[0] === undefined ? undefined : `${this.#issuers[0].replace(/\/$/, '')}/.well-known/jwks.json`);
    if (jwks === undefined)
      throw new Error(`no JWKS: name one in the config (serve.authorizers.${this.#options.scheme.name}.jwks) or an issuer`);
    this.#keys = /^https?:\/\//.test(jwks)
      ? createRemoteJWKSet(new URL(jwks))
      : createLocalJWKSet(JSON.parse(readFileSync(jwks, 'utf8')) as Parameters<typeof createLocalJWKSet>[0]);
    return this.#keys;
  }

  #refuse(error: TokenRefused): AuthorizationOutcome {
    if (this.#rest)
      return { refused: error.expired ? { type: 'UNAUTHORIZED', message: 'The incoming token has expired' } : { type: 'UNAUTHORIZED' } };
    const refusal: AuthorizationRefusal = { type: 'UNAUTHORIZED' };
    if (error.message !== 'no token')
      refusal.headers = { 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${error.message}"` };
    return { refused: refusal };
  }
}

/** `arn:aws:cognito-idp:{region}:{account}:userpool/{id}` → the pool's issuer. */
function userPoolIssuer(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/(.+)$/.exec(arn);
  return match ? `https://cognito-idp.${match[1]!}.amazonaws.com/${match[2]!}` : undefined;
}

/** OAuth scopes: `scope` (space-separated, as Cognito writes it) or `scp`. */
function tokenScopes(claims: JWTPayload): string[] {
  const scopes = claims.scope ?? claims.scp;
  if (typeof scopes === 'string') return scopes.split(' ').filter(Boolean);
  return Array.isArray(scopes) ? scopes.map(String) : [];
}

/**
 * Claims as API Gateway passes them: strings, arrays as `[a b]` (aws/aws-lambda-go#591); REST
 * writes `exp` and `iat` as Java dates (`Wed May 01 13:10:22 UTC 2024`).
 */
function claimStrings(claims: JWTPayload, rest: boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if (rest && (name === 'exp' || name === 'iat') && typeof value === 'number') return [name, javaDate(value)];
      if (Array.isArray(value)) return [name, `[${value.map(String).join(' ')}]`];
      return [name, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)];
    }),
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `java.util.Date#toString` in UTC: `EEE MMM dd HH:mm:ss zzz yyyy`. */
function javaDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]!} ${MONTHS[date.getUTCMonth()]!} ${two(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}
