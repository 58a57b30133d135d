import type { CheckContext, Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { isDeploymentValue } from '../../document/cfn-values.js';
import { operationIntegration, type IntegrationSite } from '../../document/integrations.js';
import type { OperationSite } from '../../document/operations.js';
import { effectiveParameters, parameterKey } from '../../document/parameters.js';
import { isDroppedRequestParameter } from '../../document/dropped-values.js';
import { isRecord, resolveRef } from '../../document/resolve-ref.js';
import { isReservedHeader } from '../../document/reserved-headers.js';

const REST_REQUEST_KEY = /^integration\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.[^\s]+$/;
const REST_REQUEST_VALUE =
  /^(method\.request\.((path|querystring|header|multivaluequerystring|multivalueheader)\.[^\s]+|body(\.[^\s]+)?)|\$?context\.[A-Za-z0-9_.]+|\$?stageVariables\.[A-Za-z0-9_]+|'[^']*')$/;
const HTTP_REQUEST_KEY = /^((append|overwrite|remove):(header|querystring)\.[^\s]+|overwrite:path)$/;
const REST_RESPONSE_KEY = /^method\.response\.header\.([^\s]+)$/;
const REST_RESPONSE_VALUE =
  /^(integration\.response\.((header|multivalueheader)\.[^\s]+|body(\.[^\s]+)?)|\$?context\.[A-Za-z0-9_.]+|\$?stageVariables\.[A-Za-z0-9_]+|'[^']*')$/;
const HTTP_RESPONSE_KEY = /^(overwrite:statuscode|(append|overwrite|remove):header\.[^\s]+)$/;
const METHOD_PARAMETER = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/;

/**
 * Checks `requestParameters`, `responseParameters` and `cacheKeyParameters`: the forms API
 * Gateway accepts, and that the method parameters and response headers they name are declared.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-requestParameters.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
export const checkParameterMappings: Rule = (context) => {
  for (const site of context.operations) {
    const found = operationIntegration(context.document, site);
    if (!found) continue;
    if (context.apiKind === 'rest') checkRest(context, site, found);
    else checkHttp(context, site, found);
  }
};

function checkRest(context: CheckContext, site: OperationSite, found: IntegrationSite): void {
  const declared = new Set(effectiveParameters(context.document, site).map((parameter) => parameterKey(parameter.in, parameter.name)));
  const requireDeclared = (value: string, pointer: string) => {
    const match = METHOD_PARAMETER.exec(value);
    if (!match) return;
    const location = { path: 'path', querystring: 'query', header: 'header', multivaluequerystring: 'query', multivalueheader: 'header' }[
      match[1] as 'path'
    ];
    if (declared.has(parameterKey(location, match[2] ?? ''))) return;
    context.report({
      code: 'APIGW_METHOD_PARAMETER_UNDECLARED',
      pointer,
      operation: site.label,
      message: `"${value}" names a ${location} parameter "${match[2]}" that ${site.label} does not declare.`,
    });
  };
  for (const [key, value] of entries(found.integration.requestParameters)) {
    const pointer = joinPointer(found.pointer, 'requestParameters', key);
    if (isDroppedRequestParameter(value)) {
      context.report({
        code: 'APIGW_REQUEST_PARAMETER_DROPPED',
        pointer,
        operation: site.label,
        message: `requestParameters "${key}" must be a string (got ${JSON.stringify(value)}); API Gateway drops this mapping on import, and so does apigw-gen.`,
      });
      continue;
    }
    if (!REST_REQUEST_KEY.test(key)) {
      reportMapping(context, site, {
        code: 'APIGW_REQUEST_PARAMETER_MAPPING',
        pointer,
        message: `Request mapping key "${key}" is not of the form integration.request.{header|querystring|path}.<name>.`,
      });
    }
    if (typeof value !== 'string' || isDeploymentValue(value)) continue;
    if (!REST_REQUEST_VALUE.test(value)) {
      reportMapping(context, site, {
        code: 'APIGW_REQUEST_PARAMETER_MAPPING',
        pointer,
        message: `Request mapping value "${value}" must be method.request.{path|querystring|header}.<name>, method.request.body…, context.<var>, stageVariables.<var> or a 'quoted' literal.`,
      });
    }
    requireDeclared(value, pointer);
  }
  const cacheKeys = found.integration.cacheKeyParameters;
  if (Array.isArray(cacheKeys)) {
    cacheKeys.forEach((value, index) => {
      if (typeof value === 'string') requireDeclared(value, joinPointer(found.pointer, 'cacheKeyParameters', index));
    });
  }
  const responses = isRecord(found.integration.responses) ? found.integration.responses : {};
  for (const [pattern, response] of Object.entries(responses)) {
    if (!isRecord(response)) continue;
    const declaredHeaders = responseHeaders(context.document, site, String(response.statusCode ?? ''));
    for (const [key, value] of entries(response.responseParameters)) {
      const pointer = joinPointer(found.pointer, 'responses', pattern, 'responseParameters', key);
      const header = REST_RESPONSE_KEY.exec(key)?.[1];
      if (header === undefined) {
        reportMapping(context, site, {
          code: 'APIGW_RESPONSE_PARAMETER_MAPPING',
          pointer,
          message: `Response mapping key "${key}" is not of the form method.response.header.<name>.`,
        });
      } else if (declaredHeaders && !declaredHeaders.has(header.toLowerCase())) {
        reportMapping(context, site, {
          code: 'APIGW_RESPONSE_HEADER_UNDECLARED',
          pointer,
          message: `"${key}" maps header "${header}", which response ${String(response.statusCode)} of ${site.label} does not declare under "headers".`,
        });
      }
      if (typeof value === 'string' && !isDeploymentValue(value) && !REST_RESPONSE_VALUE.test(value)) {
        reportMapping(context, site, {
          code: 'APIGW_RESPONSE_PARAMETER_MAPPING',
          pointer,
          message: `Response mapping value "${value}" must be integration.response.header.<name>, integration.response.body…, context.<var>, stageVariables.<var> or a 'quoted' literal.`,
        });
      }
    }
  }
}

function checkHttp(context: CheckContext, site: OperationSite, found: IntegrationSite): void {
  // AWS service integrations (integrationSubtype) map to the service's own parameter names.
  if (found.integration.integrationSubtype === undefined) {
    for (const [key, value] of entries(found.integration.requestParameters)) {
      if (isDroppedRequestParameter(value)) {
        context.report({
          code: 'APIGW_EXTENSION_INVALID',
          pointer: joinPointer(found.pointer, 'requestParameters', key),
          operation: site.label,
          message: `x-amazon-apigateway-integration.requestParameters.${key} must be a string (got ${JSON.stringify(value)}).`,
        });
      }
      if (HTTP_REQUEST_KEY.test(key)) {
        const pointer = joinPointer(found.pointer, 'requestParameters', key);
        reportReservedHeader(context, site, key, pointer, 'APIGW_REQUEST_PARAMETER_MAPPING');
        if (typeof value === 'string' && !key.startsWith('remove:')) reportVariables(context, site, { value, pointer, side: 'request' });
        continue;
      }
      reportMapping(context, site, {
        code: 'APIGW_REQUEST_PARAMETER_MAPPING',
        pointer: joinPointer(found.pointer, 'requestParameters', key),
        message: `HTTP API mapping key "${key}" is not of the form {append|overwrite|remove}:{header|querystring}.<name> or overwrite:path.`,
      });
    }
  }
  const byStatus = isRecord(found.integration.responseParameters) ? found.integration.responseParameters : {};
  for (const [status, mappings] of Object.entries(byStatus)) {
    if (!isDeploymentValue(status) && !/^[2-5]\d\d$/.test(status)) {
      reportMapping(context, site, {
        code: 'APIGW_RESPONSE_PARAMETER_MAPPING',
        pointer: joinPointer(found.pointer, 'responseParameters', status),
        message: `HTTP API response mappings are keyed by the integration's status code, 200 to 599 (got "${status}").`,
      });
    }
    for (const [key, value] of Object.entries(isRecord(mappings) ? mappings : {})) {
      if (HTTP_RESPONSE_KEY.test(key)) {
        const pointer = joinPointer(found.pointer, 'responseParameters', status, key);
        reportReservedHeader(context, site, key, pointer, 'APIGW_RESPONSE_PARAMETER_MAPPING');
        if (typeof value === 'string' && !key.startsWith('remove:')) reportVariables(context, site, { value, pointer, side: 'response' });
        continue;
      }
      reportMapping(context, site, {
        code: 'APIGW_RESPONSE_PARAMETER_MAPPING',
        pointer: joinPointer(found.pointer, 'responseParameters', status, key),
        message: `HTTP API response mapping key "${key}" is not of the form {append|overwrite|remove}:header.<name> or overwrite:statuscode.`,
      });
    }
  }
}

/** The variables an HTTP API mapping value may hold, request and response side (http-api-parameter-mapping.html's value tables). */
const HTTP_MAPPING_VARIABLES = {
  request:
    /^(request\.(header|querystring)\.[^\s]+|request\.(body|path)(\.[^\s]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/,
  response: /^(response\.header\.[^\s]+|response\.body(\.[^\s]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/,
};
const MAPPING_VARIABLE =
  /\$\{((?:request|response|context|stageVariables)\b[^}]*)\}|\$((?:request|response|context|stageVariables)(?:\.[A-Za-z0-9_\-[\]*'"]+)*)/g;

/** HTTP APIs: a mapping value naming a variable its side does not have (`$response.…` in a request mapping, `$request.foo`). */
function reportVariables(
  context: CheckContext,
  site: OperationSite,
  mapping: { value: string; pointer: string; side: 'request' | 'response' },
): void {
  for (const match of mapping.value.matchAll(MAPPING_VARIABLE)) {
    const variable = (match[1] ?? match[2]!).trim();
    if (HTTP_MAPPING_VARIABLES[mapping.side].test(variable)) continue;
    const forms =
      mapping.side === 'request'
        ? '$request.header|querystring|path.<name>, $request.body[.<JSONPath>], $request.path, $context.<name> or $stageVariables.<name>'
        : '$response.header.<name>, $response.body[.<JSONPath>], $context.<name> or $stageVariables.<name>';
    reportMapping(context, site, {
      code: mapping.side === 'request' ? 'APIGW_REQUEST_PARAMETER_MAPPING' : 'APIGW_RESPONSE_PARAMETER_MAPPING',
      pointer: mapping.pointer,
      message: `HTTP API ${mapping.side} mapping value "${mapping.value}" names "$${variable}"; a ${mapping.side} mapping may use ${forms}.`,
    });
  }
}

/**
 * HTTP APIs: a mapping of a reserved header, which API Gateway does not accept
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html#http-api-mapping-reserved-headers).
 */
function reportReservedHeader(
  context: CheckContext,
  site: OperationSite,
  key: string,
  pointer: string,
  code: 'APIGW_REQUEST_PARAMETER_MAPPING' | 'APIGW_RESPONSE_PARAMETER_MAPPING',
): void {
  const header = /^[a-z]+:header\.(.+)$/.exec(key)?.[1];
  if (header === undefined || !isReservedHeader(header)) return;
  reportMapping(context, site, {
    code,
    pointer,
    message: `"${key}" maps the header "${header}", which API Gateway reserves: HTTP API mappings cannot change it.`,
  });
}

function reportMapping(
  context: CheckContext,
  site: OperationSite,
  finding: {
    code: 'APIGW_REQUEST_PARAMETER_MAPPING' | 'APIGW_RESPONSE_PARAMETER_MAPPING' | 'APIGW_RESPONSE_HEADER_UNDECLARED';
    pointer: string;
    message: string;
  },
): void {
  context.report({ ...finding, operation: site.label });
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/** Lower-cased header names a declared response has, or undefined when the status is not declared (reported elsewhere). */
function responseHeaders(document: Record<string, unknown>, site: OperationSite, status: string): Set<string> | undefined {
  const responses = isRecord(site.operation.responses) ? site.operation.responses : {};
  if (!(status in responses)) return undefined;
  const response = resolveRef<unknown>(document, responses[status], joinPointer(site.pointer, 'responses', status))?.value;
  const headers = isRecord(response) && isRecord(response.headers) ? response.headers : {};
  return new Set(Object.keys(headers).map((name) => name.toLowerCase()));
}
