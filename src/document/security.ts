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

/**
 * An operation's own `security`, else the root's, except on REST APIs, whose import ignores the
 * root `security`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 */
export function effectiveSecurity(document: Record<string, unknown>, site: OperationSite, kind: ApiKind): EffectiveSecurity {
  if (Array.isArray(site.operation.security)) {
    return { requirements: site.operation.security.filter(isRecord), pointer: joinPointer(site.pointer, 'security'), fromRoot: false };
  }
  if (kind === 'http' && Array.isArray(document.security)) {
    return { requirements: document.security.filter(isRecord), pointer: '/security', fromRoot: true };
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
