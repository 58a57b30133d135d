/**
 * Credentials the caller gives in the `auth` client option, for generated SDKs: an `apiKey`
 * scheme's key, a bearer token (`http` bearer, OAuth 2.0, OpenID Connect), the token of an API
 * Gateway authorizer, or a user name and password (`http` basic), sent in a header, a query
 * parameter or a cookie, after the scheme's prefix. This file is copied into an SDK package only
 * when some operation uses such a scheme.
 * @see https://spec.openapis.org/oas/v3.0.3#security-scheme-object
 * @see https://www.rfc-editor.org/rfc/rfc7617
 */
import { authEntry, type AuthKind, type ClientOptions, type OperationAuth } from './client.js';

/**
 * Where a credential goes, after `prefix` (`Bearer `, `Basic `); `fallback` names the client
 * option used when `auth` has no entry for the scheme.
 */
export interface CredentialScheme extends OperationAuth {
  readonly in: 'header' | 'query' | 'cookie';
  readonly name: string;
  readonly prefix?: string;
  readonly fallback?: 'apiKey' | 'token';
}

function credential(scheme: CredentialScheme, options: ClientOptions<object>) {
  const own = authEntry(scheme, options);
  return own === undefined && scheme.fallback !== undefined ? options[scheme.fallback] : own;
}

/**
 * Sends a scheme's credential where the scheme says: a token (a function is called before every
 * request), or a user name and password as Basic authentication's base64 of `user:password`.
 */
export const credentialAuth: AuthKind<CredentialScheme> = {
  ready: (scheme, call) => credential(scheme, call.options) !== undefined,
  async send(scheme, { options, headers, query }) {
    const given = credential(scheme, options);
    if (given === undefined) return;
    const secret =
      typeof given === 'object' ? base64(`${given.username}:${given.password}`) : typeof given === 'function' ? await given() : given;
    const value = `${scheme.prefix ?? ''}${secret}`;
    if (scheme.in === 'header') headers.set(scheme.name, value);
    else if (scheme.in === 'query') query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(value)}`);
    else headers.set('cookie', [headers.get('cookie'), `${scheme.name}=${cookieValue(value)}`].filter(Boolean).join('; '));
  },
};

/** Base64 of a text's UTF-8 bytes (RFC 7617 lets the server expect UTF-8). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A cookie value: characters RFC 6265 does not allow in one are percent-encoded. */
function cookieValue(value: string): string {
  return value.replace(/[^\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/gu, (character) => encodeURIComponent(character));
}
