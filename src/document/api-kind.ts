import { joinPointer } from '../diagnostics/json-pointer.js';
import { listOperations } from './operations.js';
import { isRecord, resolveRef } from './resolve-ref.js';

/** REST API (API Gateway v1) or HTTP API (API Gateway v2). */
export type ApiKind = 'rest' | 'http';

/** Which kind of API a document describes, and why apigw-gen thinks so. */
export interface ApiKindDecision {
  kind: ApiKind;
  source: 'option' | 'template' | 'inferred' | 'default';
  /** What decided it, for `inspect` and messages. */
  reason: string;
  pointer?: string;
}

interface Signal {
  kind: ApiKind;
  reason: string;
  pointer: string;
  /**
   * The other kind's import rejects it (the identity-source syntax of the other kind, a route path
   * it cannot hold), where it only ignores the other kind's extensions.
   */
  decisive?: true;
}

const ROOT_SIGNALS: readonly [string, ApiKind][] = [
  ['x-amazon-apigateway-importexport-version', 'http'],
  ['x-amazon-apigateway-cors', 'http'],
  ['x-amazon-apigateway-gateway-responses', 'rest'],
  ['x-amazon-apigateway-request-validators', 'rest'],
  ['x-amazon-apigateway-request-validator', 'rest'],
  ['x-amazon-apigateway-api-key-source', 'rest'],
  ['x-amazon-apigateway-binary-media-types', 'rest'],
  ['x-amazon-apigateway-minimum-compression-size', 'rest'],
  ['x-amazon-apigateway-policy', 'rest'],
  ['x-amazon-apigateway-documentation', 'rest'],
];

/**
 * Decides whether a document describes a REST API or an HTTP API: as `--api-kind` says, else as
 * the type of the template resource it was read from says, else from the extensions only one
 * of them uses. A feature the other kind rejects decides when only one kind has such features
 * (the developer guide's REST API example of `x-amazon-apigateway-authtype` carries HTTP API
 * extensions, which REST APIs ignore, beside a `method.request` identity source, which HTTP APIs
 * reject); otherwise the side with more distinct signals wins; with none, REST (what API Gateway
 * import assumes).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
 */
export function decideApiKind(
  document: Record<string, unknown>,
  decided: { override?: ApiKind | undefined; template?: { logicalId: string; resourceType: string; kind: ApiKind } | undefined } = {},
): ApiKindDecision {
  const { override, template } = decided;
  if (override) return { kind: override, source: 'option', reason: `--api-kind ${override}` };
  // The resource type says which kind of API the template deploys the definition as.
  if (template) return { kind: template.kind, source: 'template', reason: `${template.logicalId} is an ${template.resourceType}` };
  const all = collectSignals(document);
  const decisiveKinds = new Set(all.filter((signal) => signal.decisive).map((signal) => signal.kind));
  const signals = decisiveKinds.size === 1 ? all.filter((signal) => signal.decisive) : all;
  const count = (kind: ApiKind) => new Set(signals.filter((signal) => signal.kind === kind).map((signal) => signal.reason)).size;
  const http = count('http');
  const rest = count('rest');
  if (http === 0 && rest === 0) return { kind: 'rest', source: 'default', reason: 'no extension specific to REST or HTTP APIs' };
  const kind: ApiKind = http > rest ? 'http' : 'rest';
  // The first by pointer, not by document order: the model must not depend on key order.
  const first = signals
    .filter((signal) => signal.kind === kind)
    .sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0))[0];
  return { kind, source: 'inferred', reason: first?.reason ?? '', ...(first ? { pointer: first.pointer } : {}) };
}

function collectSignals(document: Record<string, unknown>): Signal[] {
  const signals: Signal[] = [];
  for (const [name, kind] of ROOT_SIGNALS) {
    if (name in document) signals.push({ kind, reason: name, pointer: joinPointer('', name) });
  }
  const components = isRecord(document.components) ? document.components : {};
  if ('x-amazon-apigateway-integrations' in components) {
    signals.push({
      kind: 'http',
      reason: 'components.x-amazon-apigateway-integrations',
      pointer: '/components/x-amazon-apigateway-integrations',
    });
  }
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(schemes)) {
    const authorizer = isRecord(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
    if (!isRecord(authorizer)) continue;
    const pointer = joinPointer('/components/securitySchemes', name, 'x-amazon-apigateway-authorizer');
    const type = String(authorizer.type ?? '').toLowerCase();
    if (type === 'jwt') signals.push({ kind: 'http', reason: 'a jwt authorizer', pointer });
    if (type === 'token' || type === 'cognito_user_pools') signals.push({ kind: 'rest', reason: `a ${type} authorizer`, pointer });
    // An identity source names a part of the method request (REST) or of the route request (HTTP):
    // written for one kind, which the other rejects.
    const sources = JSON.stringify(authorizer.identitySource ?? '');
    if (sources.includes('method.request.'))
      signals.push({ kind: 'rest', reason: 'method.request identity sources', pointer, decisive: true });
    if (sources.includes('$request.')) signals.push({ kind: 'http', reason: '$request identity sources', pointer, decisive: true });
    if ('authorizerPayloadFormatVersion' in authorizer || 'enableSimpleResponses' in authorizer) {
      signals.push({ kind: 'http', reason: 'authorizerPayloadFormatVersion', pointer });
    }
  }
  for (const site of listOperations(document)) {
    if (site.operation.isDefaultRoute === true) signals.push({ kind: 'http', reason: 'isDefaultRoute', pointer: site.pointer });
    if ('x-amazon-apigateway-request-validator' in site.operation) {
      signals.push({ kind: 'rest', reason: 'x-amazon-apigateway-request-validator', pointer: site.pointer });
    }
    const pointer = joinPointer(site.pointer, 'x-amazon-apigateway-integration');
    const integration = resolveRef<unknown>(document, site.operation['x-amazon-apigateway-integration'], pointer)?.value;
    if (!isRecord(integration)) continue;
    if ('payloadFormatVersion' in integration) signals.push({ kind: 'http', reason: 'payloadFormatVersion on integrations', pointer });
    const type = String(integration.type ?? '').toLowerCase();
    if (type === 'aws' || type === 'http' || type === 'mock') signals.push({ kind: 'rest', reason: `${type} integrations`, pointer });
    if ('requestTemplates' in integration) signals.push({ kind: 'rest', reason: 'mapping templates', pointer });
  }
  for (const route of ['/$default', '$default']) {
    if (isRecord(document.paths) && route in document.paths) {
      signals.push({ kind: 'http', reason: 'the $default route', pointer: joinPointer('/paths', route), decisive: true });
    }
  }
  return signals;
}
