import { joinPointer } from '../diagnostics/json-pointer.js';
import type { ApiKind } from './api-kind.js';
import type { OperationSite } from './operations.js';
import { isRecord, resolveRef } from './resolve-ref.js';

/** The security requirements that apply to an operation, as API Gateway reads them. */
export interface EffectiveSecurity {
  requirements: Record<string, unknown>[];
  pointer: string;
  /** True when they come from the root `security`. */
  fromRoot: boolean;
}

/** How a document's root `security` is read: the kind of API, and whether the document is meant for API Gateway at all. */
export interface SecurityReading {
  kind: ApiKind;
  /** True when the document has `x-amazon-apigateway-*` extensions. */
  apiGateway: boolean;
}

/**
 * An operation's own `security`, else the root's, except on REST APIs, whose import ignores the
 * root `security`. A document without API Gateway extensions is read as OpenAPI says: the root
 * `security` applies to every operation that has none of its own.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
export function effectiveSecurity(document: Record<string, unknown>, site: OperationSite, reading: SecurityReading): EffectiveSecurity {
  if (Array.isArray(site.operation.security)) {
    const requirements = site.operation.security.filter(isRecord).map((requirement) => withoutSamNone(document, requirement));
    return { requirements, pointer: joinPointer(site.pointer, 'security'), fromRoot: false };
  }
  if ((reading.kind === 'http' || !reading.apiGateway) && Array.isArray(document.security)) {
    return {
      requirements: document.security.filter(isRecord).map((requirement) => withoutSamNone(document, requirement)),
      pointer: '/security',
      fromRoot: true,
    };
  }
  return { requirements: [], pointer: joinPointer(site.pointer, 'security'), fromRoot: false };
}

/** A security scheme of `components.securitySchemes`, resolved. */
export interface SchemeSite {
  name: string;
  scheme: Record<string, unknown>;
  pointer: string;
}

/** Every security scheme of the document, by name. */
export function securitySchemes(document: Record<string, unknown>): Map<string, SchemeSite> {
  const components = isRecord(document.components) ? document.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  const sites = new Map<string, SchemeSite>();
  for (const [name, raw] of Object.entries(schemes)) {
    const resolved = resolveRef<unknown>(document, raw, joinPointer('/components/securitySchemes', name));
    if (resolved && isRecord(resolved.value)) sites.set(name, { name, scheme: resolved.value, pointer: resolved.pointer });
  }
  return sites;
}

/**
 * SAM writes `{ "NONE": [] }` for an operation that opts out of the API's default authorizer
 * (`Auth: { Authorizer: NONE }`): no scheme of that name exists, and API Gateway imports the
 * operation without authorization. It reads as the empty requirement, "no authorization", unless
 * the document defines a scheme named NONE.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-apifunctionauth.html
 * @see https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/state_machine_with_api_authorizer_maximum.json
 */
function withoutSamNone(document: Record<string, unknown>, requirement: Record<string, unknown>): Record<string, unknown> {
  const names = Object.keys(requirement);
  if (names.length !== 1 || names[0] !== 'NONE') return requirement;
  const components = isRecord(document.components) ? document.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  return 'NONE' in schemes ? requirement : {};
}
