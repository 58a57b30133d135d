import type { CheckContext, Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { cfnText, isDeploymentValue, withPlaceholders } from '../../document/cfn-values.js';
import { invokesLambda, operationIntegration, INTEGRATION, type IntegrationSite } from '../../document/integrations.js';
import type { OperationSite } from '../../document/operations.js';
import { isRecord } from '../../document/resolve-ref.js';

const PROXY_TYPES = new Set(['aws_proxy', 'http_proxy']);
const MIN_TIMEOUT = 50;
const REST_TIMEOUT = 29_000;
const REST_RAISED_TIMEOUT = 300_000;
const STREAM_TIMEOUT = 900_000;
const HTTP_TIMEOUT = 30_000;

/**
 * Checks each operation's `x-amazon-apigateway-integration` against what API Gateway does with
 * it: types per kind of API, the backend uri and method, timeouts, payload format versions and
 * fields that do not apply.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 */
export const checkIntegrations: Rule = (context) => {
  const without = context.operations.filter((site) => site.operation[INTEGRATION] === undefined);
  if (context.apiKind === 'rest') reportMissing(context, without);
  for (const site of context.operations) {
    const found = operationIntegration(context.document, site);
    if (!found) continue;
    const report = (finding: Omit<Finding, 'operation'>) => context.report({ ...finding, operation: site.label });
    if (found.type === '') continue; // The schema check reports the missing type.
    checkType(context, found, report);
    checkUri(context, found, report);
    checkHttpMethod(context, found, report);
    checkTimeout(context, found, report);
    checkPayloadFormatVersion(context, found, report);
    checkFieldsThatDoNotApply(context, found, report);
    checkVpcLink(found, report);
    checkIntegrationResponses(context, site, found, report);
  }
};

type Report = (finding: Omit<Finding, 'operation'>) => void;

/** One warning per operation without an integration; a single one when no operation has any (a document not yet wired to API Gateway). */
function reportMissing(context: CheckContext, without: readonly OperationSite[]): void {
  if (without.length > 1 && without.length === context.operations.length) {
    context.report({
      code: 'APIGW_INTEGRATION_MISSING',
      pointer: '/paths',
      message: `None of the ${without.length} operations has an x-amazon-apigateway-integration; deploying the API fails until they have one.`,
    });
    return;
  }
  for (const site of without) {
    context.report({
      code: 'APIGW_INTEGRATION_MISSING',
      pointer: site.pointer,
      operation: site.label,
      message: `${site.label} has no x-amazon-apigateway-integration; deploying the API fails until it has one.`,
    });
  }
}

function checkType(context: CheckContext, found: IntegrationSite, report: Report): void {
  if (context.apiKind !== 'http' || PROXY_TYPES.has(found.type)) return;
  report({
    code: 'APIGW_INTEGRATION_TYPE_NOT_SUPPORTED',
    pointer: joinPointer(found.pointer, 'type'),
    message: `HTTP APIs do not support "${found.type}" integrations${found.type === 'aws' ? '; import ignores it with a warning' : ''}.`,
    ...(found.type === 'aws' ? { severity: 'warning' as const } : {}),
  });
}

function checkUri(context: CheckContext, found: IntegrationSite, report: Report): void {
  const { integration, type, pointer } = found;
  // HTTP API AWS service integrations name their action with integrationSubtype instead of a uri.
  if (type === 'mock' || integration.integrationSubtype !== undefined) return;
  if (integration.uri === undefined) {
    report({ code: 'APIGW_INTEGRATION_URI_MISSING', pointer, message: `A "${type}" integration needs a "uri".` });
    return;
  }
  const uri = cfnText(integration.uri);
  if (uri === undefined) return;
  const text = withPlaceholders(uri);
  if (text === 'X') return; // Decided entirely at deployment.
  const viaVpcLink = String(integration.connectionType ?? '').toUpperCase() === 'VPC_LINK';
  let expected: string | undefined;
  if (type === 'http' || type === 'http_proxy') {
    // HTTP API private integrations name a load balancer listener or Cloud Map service instead of a URL.
    const ok = /^(https?:\/\/|X)/i.test(text) || (viaVpcLink && context.apiKind === 'http' && /^arn:/.test(text));
    if (!ok) expected = 'an http:// or https:// URL';
  } else if (!/^arn:[^:]+:apigateway:/.test(text) && !(context.apiKind === 'http' && /^arn:[^:]+:lambda:/.test(text))) {
    expected =
      context.apiKind === 'http'
        ? 'an arn:aws:apigateway:… URI or a Lambda function ARN'
        : 'an arn:aws:apigateway:{region}:{service}:… URI';
  }
  if (expected) {
    report({
      code: 'APIGW_INTEGRATION_URI_INVALID',
      pointer: joinPointer(pointer, 'uri'),
      message: `The uri of a "${type}" integration must be ${expected} (got ${JSON.stringify(uri)}).`,
    });
  }
}

function checkHttpMethod(context: CheckContext, found: IntegrationSite, report: Report): void {
  const { integration, type, pointer } = found;
  if (type === 'mock') return;
  const method = integration.httpMethod;
  if (method === undefined) {
    if (context.apiKind === 'rest') {
      report({ code: 'APIGW_INTEGRATION_HTTP_METHOD_MISSING', pointer, message: `A "${type}" integration needs "httpMethod".` });
    }
    return;
  }
  if (
    (type === 'aws' || type === 'aws_proxy') &&
    invokesLambda(integration) &&
    typeof method === 'string' &&
    method.toUpperCase() !== 'POST'
  ) {
    report({
      code: 'APIGW_LAMBDA_HTTP_METHOD',
      pointer: joinPointer(pointer, 'httpMethod'),
      message: `Lambda is invoked with POST, but this integration's httpMethod is "${method}".`,
    });
  }
}

function checkTimeout(context: CheckContext, found: IntegrationSite, report: Report): void {
  const timeout = found.integration.timeoutInMillis;
  if (typeof timeout !== 'number') return;
  const pointer = joinPointer(found.pointer, 'timeoutInMillis');
  if (timeout < MIN_TIMEOUT) {
    report({
      code: 'APIGW_INTEGRATION_TIMEOUT_RANGE',
      pointer,
      message: `timeoutInMillis ${timeout} is below the minimum of ${MIN_TIMEOUT}.`,
    });
    return;
  }
  if (context.apiKind === 'http') {
    if (timeout > HTTP_TIMEOUT) {
      report({
        code: 'APIGW_INTEGRATION_TIMEOUT_RANGE',
        pointer,
        message: `timeoutInMillis ${timeout} is above the HTTP API maximum of ${HTTP_TIMEOUT}.`,
      });
    }
    return;
  }
  const streaming = String(found.integration.responseTransferMode ?? '').toUpperCase() === 'STREAM';
  if (streaming ? timeout > STREAM_TIMEOUT : timeout > REST_RAISED_TIMEOUT) {
    report({
      code: 'APIGW_INTEGRATION_TIMEOUT_RANGE',
      pointer,
      message: `timeoutInMillis ${timeout} is above the REST API maximum of ${streaming ? `${STREAM_TIMEOUT} for streamed responses` : `${REST_RAISED_TIMEOUT} (${REST_TIMEOUT} without a quota increase)`}.`,
    });
  } else if (!streaming && timeout > REST_TIMEOUT) {
    // Only Regional and private REST APIs can have the quota raised; an API that says nothing is edge-optimized.
    const edge = context.endpointType === 'EDGE';
    report({
      code: 'APIGW_INTEGRATION_TIMEOUT_RANGE',
      pointer,
      severity: edge ? 'error' : 'info',
      message: edge
        ? `timeoutInMillis ${timeout} is above ${REST_TIMEOUT}, the maximum of edge-optimized REST APIs (the endpoint type when the document and the config name none); only Regional and private APIs can raise it.`
        : `timeoutInMillis ${timeout} is above ${REST_TIMEOUT}: this ${context.endpointType} API needs the integration timeout quota raised (which may lower the account's throttle quota).`,
      ...(edge
        ? {
            help: 'Lower the timeout to 29000, or make the API Regional or private (x-amazon-apigateway-endpoint-configuration, or api.endpointType in the config).',
          }
        : {}),
    });
  }
}

function checkPayloadFormatVersion(context: CheckContext, found: IntegrationSite, report: Report): void {
  const { integration, type, pointer } = found;
  const value = integration.payloadFormatVersion;
  if (context.apiKind === 'rest') return; // Reported as not applicable with the other fields.
  if (value === undefined) {
    report({
      code: 'APIGW_PAYLOAD_FORMAT_VERSION',
      pointer,
      message: `HTTP API integrations need "payloadFormatVersion" ("2.0" for Lambda proxy, "1.0" otherwise).`,
    });
    return;
  }
  if (isDeploymentValue(value)) return;
  const version = Number(value).toFixed(1);
  if (version === '2.0' && !(type === 'aws_proxy' && invokesLambda(integration)) && !isDeploymentValue(integration.uri)) {
    report({
      code: 'APIGW_PAYLOAD_FORMAT_VERSION',
      pointer: joinPointer(pointer, 'payloadFormatVersion'),
      message: `payloadFormatVersion "2.0" applies only to Lambda proxy integrations; this "${type}" integration needs "1.0".`,
    });
  }
}

function checkFieldsThatDoNotApply(context: CheckContext, found: IntegrationSite, report: Report): void {
  const { integration, type, pointer } = found;
  const notApplicable = (field: string, why: string) =>
    report({ code: 'APIGW_INTEGRATION_FIELD_NOT_APPLICABLE', pointer: joinPointer(pointer, field), message: `"${field}" ${why}.` });
  const rest = context.apiKind === 'rest';
  if (PROXY_TYPES.has(type) && rest) {
    if (integration.requestTemplates !== undefined)
      notApplicable('requestTemplates', `is ignored by "${type}" integrations, which pass the request through`);
  }
  if (rest && integration.payloadFormatVersion !== undefined)
    notApplicable('payloadFormatVersion', 'applies only to HTTP APIs; REST APIs ignore it');
  if (rest && integration.integrationSubtype !== undefined)
    notApplicable('integrationSubtype', 'applies only to HTTP API AWS service integrations');
  if (!rest && integration.integrationSubtype !== undefined && type !== 'aws_proxy')
    notApplicable('integrationSubtype', 'applies only to "aws_proxy" integrations');
  if (!rest && (integration.requestTemplates !== undefined || integration.responses !== undefined)) {
    notApplicable(
      integration.requestTemplates !== undefined ? 'requestTemplates' : 'responses',
      'does not exist on HTTP APIs, which have no mapping templates',
    );
  }
  if (String(integration.responseTransferMode ?? '').toUpperCase() === 'STREAM' && (!rest || !PROXY_TYPES.has(type))) {
    notApplicable('responseTransferMode', 'STREAM works only on REST API proxy integrations (aws_proxy, http_proxy)');
  }
  const tls = isRecord(integration.tlsConfig) ? integration.tlsConfig : {};
  if (tls.insecureSkipVerification !== undefined && (!rest || !(type === 'http' || type === 'http_proxy'))) {
    notApplicable('tlsConfig', 'insecureSkipVerification applies only to REST API http and http_proxy integrations');
  }
  if (tls.serverNameToVerify !== undefined && rest)
    notApplicable('tlsConfig', 'serverNameToVerify applies only to HTTP API private integrations');
}

function checkVpcLink(found: IntegrationSite, report: Report): void {
  const { integration, pointer } = found;
  if (String(integration.connectionType ?? '').toUpperCase() !== 'VPC_LINK' || integration.connectionId !== undefined) return;
  report({ code: 'APIGW_VPC_LINK_CONNECTION_ID', pointer, message: 'connectionType VPC_LINK needs the VPC link id in "connectionId".' });
}

/**
 * Non-proxy integration responses must map to statuses the method declares. Proxy integrations
 * pass the backend's answer through: the developer guide's export of an http_proxy resource has
 * `responses: { default: { statusCode: "200" } }` under a method that declares none.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
function checkIntegrationResponses(context: CheckContext, site: OperationSite, found: IntegrationSite, report: Report): void {
  if (context.apiKind !== 'rest' || PROXY_TYPES.has(found.type)) return;
  const responses = found.integration.responses;
  if (!isRecord(responses)) return;
  const declared = isRecord(site.operation.responses) ? site.operation.responses : {};
  for (const [pattern, response] of Object.entries(responses)) {
    if (!isRecord(response) || response.statusCode === undefined || isDeploymentValue(response.statusCode)) continue;
    const status = String(response.statusCode);
    if (!(status in declared)) {
      report({
        code: 'APIGW_INTEGRATION_RESPONSE_STATUS_UNDECLARED',
        pointer: joinPointer(found.pointer, 'responses', pattern, 'statusCode'),
        message: `Integration response "${pattern}" maps to status ${status}, which ${site.label} does not declare under "responses".`,
      });
    }
  }
}
