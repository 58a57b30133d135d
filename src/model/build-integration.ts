import { cfnText, withPlaceholders } from '../document/cfn-values.js';
import { invokesLambda, type IntegrationSite } from '../document/integrations.js';
import { isRecord } from '../document/resolve-ref.js';
import { sortKeys } from './sort-keys.js';
import type { IntegrationKind, IntegrationModel, IntegrationResponseModel, LambdaFunctionRef } from './types.js';

/**
 * Types an `x-amazon-apigateway-integration` object.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
export function buildIntegration(found: IntegrationSite): IntegrationModel {
  const raw = found.integration;
  const uri = cfnText(raw.uri);
  const lambda = invokesLambda(raw);
  const kind = integrationKind(found.type, lambda);
  const model: IntegrationModel = {
    kind,
    type: found.type,
    requestParameters: stringMap(raw.requestParameters),
    requestTemplates: stringMap(raw.requestTemplates),
    responses: integrationResponses(raw.responses),
    cacheKeyParameters: Array.isArray(raw.cacheKeyParameters) ? raw.cacheKeyParameters.map(String) : [],
    pointer: found.pointer,
    raw: sortKeys(raw) as Record<string, unknown>,
  };
  if (uri !== undefined) model.uri = uri;
  const byStatus = responseParametersByStatus(raw.responseParameters);
  if (byStatus) model.responseParametersByStatus = byStatus;
  if (typeof raw.httpMethod === 'string') model.httpMethod = raw.httpMethod.toUpperCase();
  if (lambda && uri !== undefined) model.functionRef = lambdaFunctionRef(uri, { written: raw.uri });
  if (streamsResponse(raw, uri)) model.responseTransferMode = 'STREAM';
  if (kind === 'awsService' && uri !== undefined) {
    const service = parseServiceUri(uri);
    if (service)
      model.awsService = { ...service, ...(typeof raw.integrationSubtype === 'string' ? { subtype: raw.integrationSubtype } : {}) };
  }
  if (String(raw.connectionType ?? '').toUpperCase() === 'VPC_LINK') model.vpcLink = { connectionId: cfnText(raw.connectionId) ?? '' };
  if (raw.payloadFormatVersion !== undefined) model.payloadFormatVersion = formatVersion(raw.payloadFormatVersion);
  if (typeof raw.timeoutInMillis === 'number') model.timeoutInMillis = raw.timeoutInMillis;
  if (typeof raw.passthroughBehavior === 'string') model.passthroughBehavior = raw.passthroughBehavior.toLowerCase();
  if (typeof raw.contentHandling === 'string') model.contentHandling = raw.contentHandling;
  const credentials = cfnText(raw.credentials);
  if (credentials !== undefined) model.credentials = credentials;
  return model;
}

function integrationKind(type: string, lambda: boolean): IntegrationKind {
  switch (type) {
    case 'aws_proxy':
      return lambda ? 'lambdaProxy' : 'awsService';
    case 'aws':
      return lambda ? 'lambda' : 'awsService';
    case 'http':
      return 'http';
    case 'http_proxy':
      return 'httpProxy';
    default:
      return 'mock';
  }
}

/**
 * Whether API Gateway streams the integration's response: `responseTransferMode: STREAM`, which
 * Lambda proxy integrations pair with the `…/response-streaming-invocations` URI.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 */
function streamsResponse(raw: Record<string, unknown>, uri: string | undefined): boolean {
  if (String(cfnText(raw.responseTransferMode) ?? '').toUpperCase() === 'STREAM') return true;
  return uri !== undefined && INVOCATION.exec(uri)?.[2] !== undefined;
}

/** `"1.0"` for the numbers YAML makes of a bare `1.0`; CloudFormation values as text. */
export function formatVersion(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(1) : (cfnText(value) ?? '');
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const entries = Object.entries(value).map(([key, entry]) => [key, cfnText(entry) ?? JSON.stringify(entry)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** HTTP APIs' `responseParameters`: a map of mappings by status code (REST integrations have none at this level). */
function responseParametersByStatus(value: unknown): Record<string, Record<string, string>> | undefined {
  if (!isRecord(value)) return undefined;
  const statuses = Object.keys(value).filter((status) => isRecord(value[status]));
  if (statuses.length === 0) return undefined;
  return Object.fromEntries(statuses.sort().map((status) => [status, stringMap(value[status])]));
}

function integrationResponses(value: unknown): IntegrationResponseModel[] {
  if (!isRecord(value)) return [];
  // `default` last: API Gateway tries the other patterns first.
  const patterns = Object.keys(value).sort((a, b) => Number(a === 'default') - Number(b === 'default') || (a < b ? -1 : a > b ? 1 : 0));
  return patterns.flatMap((pattern) => {
    const response = value[pattern];
    if (!isRecord(response)) return [];
    const model: IntegrationResponseModel = {
      pattern,
      statusCode: String(cfnText(response.statusCode) ?? ''),
      responseTemplates: stringMap(response.responseTemplates),
      responseParameters: stringMap(response.responseParameters),
    };
    if (typeof response.contentHandling === 'string') model.contentHandling = response.contentHandling;
    return [model];
  });
}

// ARN parts may be `${AWS::Region}`-style variables, which contain colons.
const PART = '(?:\\$\\{[^}]*\\}|[^:])';
// `…/response-streaming-invocations`: Lambda's InvokeWithResponseStream, for response streaming.
const INVOCATION = new RegExp(`^arn:${PART}+:apigateway:${PART}*:lambda:path/[^/]+/functions/(.+)/(response-streaming-)?invocations$`);

/**
 * Identifies the Lambda function behind an integration or authorizer uri:
 * - `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`;
 * - a bare function ARN (HTTP APIs);
 * - CloudFormation forms: `${CatalogFunction.Arn}`, `${CatalogFunction}`, stage variables;
 * - a placeholder for another tool (`${lambda_arn}`, or `${CatalogFunction}` outside `Fn::Sub`),
 *   known by its name only.
 * `written` is the field as the document has it: a plain string or an intrinsic function.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export function lambdaFunctionRef(uri: string, options: { written: unknown }): LambdaFunctionRef {
  const arn = INVOCATION.exec(uri)?.[1] ?? uri;
  const ref: LambdaFunctionRef = { key: arn, arn };
  const logicalId = /^\$\{([A-Za-z0-9]+)(\.Arn)?\}(:.+)?$/.exec(arn);
  // Outside Fn::Sub, `${Name}` is no CloudFormation reference (`${Name.Arn}` still reads as one).
  const placeholder = typeof options.written === 'string' && logicalId?.[2] === undefined;
  if (logicalId?.[1] && !logicalId[1].startsWith('AWS') && !placeholder) {
    ref.logicalId = logicalId[1];
    ref.key = logicalId[1];
    if (logicalId[3]) ref.qualifier = logicalId[3].slice(1);
    return ref;
  }
  // arn:{partition}:lambda:{region}:{account}:function:{name}[:{qualifier}], where any part may be ${…}.
  const parts = splitArn(arn);
  const functionIndex = parts.indexOf('function');
  if (functionIndex >= 0 && parts[functionIndex + 1] !== undefined) {
    ref.functionName = parts[functionIndex + 1]!;
    ref.key = ref.functionName;
    if (parts[functionIndex + 2] !== undefined) ref.qualifier = parts.slice(functionIndex + 2).join(':');
  }
  return ref;
}

/** Splits an ARN at colons outside `${…}`. */
function splitArn(arn: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = 0; index < arn.length; index++) {
    const char = arn[index]!;
    if (char === '$' && arn[index + 1] === '{') depth++;
    if (char === '}' && depth > 0) depth--;
    if (char === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** `arn:aws:apigateway:us-east-1:sqs:path/123/queue` → service `sqs`, path `123/queue`. */
function parseServiceUri(uri: string): { service: string; region: string; action?: string; path?: string } | undefined {
  const parts = splitArn(uri);
  if (parts[2] !== 'apigateway' || parts.length < 6) return undefined;
  const [region = '', service = ''] = [parts[3], parts[4]];
  const rest = parts.slice(5).join(':');
  const slash = rest.indexOf('/');
  const mode = rest.slice(0, slash);
  const target = rest.slice(slash + 1);
  if (withPlaceholders(mode) === 'action') return { service, region, action: target.split('&')[0] ?? target };
  return { service, region, path: target };
}
