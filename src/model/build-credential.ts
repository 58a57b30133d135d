import type { AuthKind } from '../document/auth-kind.js';
import { identityInput } from '../document/identity-sources.js';
import type { AuthorizerModel, CredentialModel } from './types.js';

/** What `buildCredential` reads of a security scheme. */
export interface CredentialInput {
  scheme: Record<string, unknown>;
  kind: AuthKind;
  authorizer?: AuthorizerModel;
  /** The API's `x-amazon-apigateway-api-key-source`. */
  apiKeySource?: string;
}

/**
 * What a client sends to satisfy a security scheme, as API Gateway reads it for its own kinds and
 * as OpenAPI defines it otherwise.
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
export function buildCredential(input: CredentialInput): CredentialModel {
  const { scheme, kind, authorizer } = input;
  const sources = authorizer?.identitySource ?? [];
  switch (kind) {
    case 'iam':
      return { kind: 'iam' };
    case 'apiKey':
      // With the AUTHORIZER source, API Gateway reads the key from the authorizer's `usageIdentifierKey`.
      if (String(input.apiKeySource ?? '').toUpperCase() === 'AUTHORIZER') return { kind: 'fromAuthorizer' };
      return { kind: 'secret', in: 'header', name: String(scheme.name), prefix: '' };
    case 'cognito':
    case 'lambdaToken':
    case 'jwt': {
      // The token's place: the identity source when there is one (`method.request.header.X-Auth`), else,
      // as REST import reads it, the scheme's header name.
      const source = sources.map(identityInput).find((entry) => entry !== undefined);
      if (source) return { kind: 'secret', ...source, prefix: '' };
      const header = scheme.in === 'header' && typeof scheme.name === 'string' && scheme.name !== '' ? scheme.name : 'Authorization';
      return { kind: 'secret', in: 'header', name: header, prefix: '' };
    }
    case 'lambdaRequest':
      return { kind: 'identity', inputs: sources.map(identityInput).filter((entry) => entry !== undefined) };
    case 'other':
      return openApiCredential(scheme);
  }
}

/** A plain OpenAPI scheme: API key, HTTP bearer or basic, OAuth 2.0 and OpenID Connect (bearer tokens). */
function openApiCredential(scheme: Record<string, unknown>): CredentialModel {
  const type = String(scheme.type ?? '');
  if (type === 'apiKey' && typeof scheme.name === 'string' && scheme.name !== '') {
    const place = String(scheme.in ?? '');
    if (place === 'header' || place === 'query' || place === 'cookie') return { kind: 'secret', in: place, name: scheme.name, prefix: '' };
    return { kind: 'unsupported' };
  }
  const httpScheme = String(scheme.scheme ?? '').toLowerCase();
  if (type === 'http' && httpScheme === 'basic') return { kind: 'basic' };
  // RFC 6750: OAuth 2.0 access tokens (and OpenID Connect's) go in `Authorization: Bearer`.
  if ((type === 'http' && httpScheme === 'bearer') || type === 'oauth2' || type === 'openIdConnect')
    return { kind: 'secret', in: 'header', name: 'Authorization', prefix: 'Bearer ' };
  return { kind: 'unsupported' };
}
