import { joinPointer } from '../diagnostics/json-pointer.js';
import type { OperationSite } from './operations.js';
import { isRecord, resolveRef } from './resolve-ref.js';

/** A parameter that applies to an operation, with the pointer where it is defined. */
export interface ParameterSite {
  name: string;
  in: string;
  parameter: Record<string, unknown>;
  /** Where the parameter is listed (the operation's or the path item's `parameters`). */
  pointer: string;
  /** Where its definition lives after following `$ref`s. */
  definitionPointer: string;
}

/**
 * The parameters of an operation: the path item's, overridden by the operation's own with the
 * same name and location.
 * @see https://spec.openapis.org/oas/v3.0.3#fixed-fields-7
 */
export function operationParameters(document: Record<string, unknown>, site: OperationSite): ParameterSite[] {
  const byKey = new Map<string, ParameterSite>();
  for (const listedParameter of [
    ...listed(document, site.pathItem, site.pathItemPointer),
    ...listed(document, site.operation, site.pointer),
  ]) {
    const parameter = greedyName(listedParameter, site.path);
    byKey.set(parameterKey(parameter.in, parameter.name), parameter);
  }
  return [...byKey.values()];
}

/**
 * A path parameter named as its greedy template segment is written (`proxy+` for `{proxy+}`, the
 * name OpenAPI sees in the template, as SAM declares it) is the parameter API Gateway calls
 * `proxy`, as its exports name it.
 * @see https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/api_http_with_default_iam_authorizer.json
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html
 */
function greedyName(parameter: ParameterSite, path: string): ParameterSite {
  if (parameter.in !== 'path' || !parameter.name.endsWith('+') || !path.includes(`{${parameter.name}}`)) return parameter;
  return { ...parameter, name: parameter.name.slice(0, -1) };
}

/**
 * The operation's parameters, plus a required string parameter for each `{name}` of its path
 * that none declares: API Gateway creates a method's path parameters from its resource path
 * (it imports such documents with failOnWarnings, as LocalStack's AWS-validated
 * test_import_rest_api does with an undeclared `{proxy+}`), so a client must fill them in.
 * @see https://github.com/localstack/localstack/blob/main/tests/aws/files/openapi.spec.pulumi.json
 */
export function effectiveParameters(document: Record<string, unknown>, site: OperationSite): ParameterSite[] {
  const declared = operationParameters(document, site);
  const implicit = templateNames(site.path)
    .filter((name) => !declared.some((parameter) => parameter.in === 'path' && parameter.name === name))
    .map((name) => ({
      name,
      in: 'path',
      parameter: { name, in: 'path', required: true, schema: { type: 'string' } },
      pointer: site.pointer,
      definitionPointer: site.pointer,
    }));
  return implicit.length > 0 ? [...declared, ...implicit] : declared;
}

/** The parameters listed directly on a path item or operation. */
export function listed(document: Record<string, unknown>, holder: Record<string, unknown>, holderPointer: string): ParameterSite[] {
  const parameters = holder.parameters;
  if (!Array.isArray(parameters)) return [];
  const sites: ParameterSite[] = [];
  parameters.forEach((raw, index) => {
    const pointer = joinPointer(holderPointer, 'parameters', index);
    const resolved = resolveRef<unknown>(document, raw, pointer);
    if (!resolved || !isRecord(resolved.value)) return;
    const { name, in: location } = resolved.value;
    if (typeof name !== 'string' || typeof location !== 'string') return;
    sites.push({ name, in: location, parameter: resolved.value, pointer, definitionPointer: resolved.pointer });
  });
  return sites;
}

/** Header names are case-insensitive; other parameter names are not. */
export function parameterKey(location: string, name: string): string {
  return `${location}:${location === 'header' ? name.toLowerCase() : name}`;
}

/** The `{name}` segments of a path template, without a greedy `+`. */
export function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => (match[1] ?? '').replace(/\+$/, ''));
}
