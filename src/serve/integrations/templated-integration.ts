import { randomUUID } from 'node:crypto';
import type { IntegrationModel } from '../../model/types.js';
import type { GatewayErrorType } from '../gateway-errors.js';
import { BackendTimeoutError, sendToBackend } from './backend-request.js';
import { mappedResponseHeaderName, UNREAD_REQUEST_HEADERS } from '../reserved-headers.js';
import { chooseMediaType, mediaTypeEssence } from '../media-types.js';
import { inputVariable, utilVariable } from '../vtl-context.js';
import { TemplateRenderer } from '../vtl/template-engine.js';
import { mapResponseParameters, ResponseSelector, type BackendAnswer } from './integration-response.js';
import { mapRequestParameters, type MethodRequestValues } from './request-parameters.js';
import { ownField, setOwn } from '../own-fields.js';

/**
 * Non-proxy integrations (MOCK, HTTP, AWS) as API Gateway runs them: the request template
 * (chosen by `Content-Type`, or the body passed through as `passthroughBehavior` allows) makes
 * the integration request; the backend answers (MOCK: the template's `statusCode`; HTTP: the
 * real URL, with `requestParameters` and `$context.requestOverride` applied; AWS: what the
 * gateway found for it, the document's example); the selection pattern picks the integration
 * response, whose `responseParameters` and template (chosen by `Accept`) make the answer, and
 * `$context.responseOverride` has the last word on status and headers.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-data-transformations.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html
 */

interface TemplatedRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  query: URLSearchParams;
}

export interface TemplatedCall {
  integration: IntegrationModel;
  request: TemplatedRequest;
  pathParameters: Record<string, string>;
  /** `$context` without the overrides, which this call adds to it. */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
  /** AWS integrations without a function to run: what the backend answers locally (the document's example). */
  example: () => { body: string; note: string };
  /** Lambda non-proxy integrations: runs the function's handler with the integration request as its event. */
  invokeLambda?: ((event: unknown) => Promise<LambdaOutcome>) | undefined;
}

/** What a Lambda function did: its result, or the error it threw (`errorMessage` selects the integration response). */
export type LambdaOutcome = { result: unknown } | { errorMessage: string; errorType: string } | { timedOut: true };

export interface TemplatedAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Buffer;
  answeredBy: string;
}

export class TemplatedIntegrations {
  readonly #templates = new TemplateRenderer();
  readonly #selector = new ResponseSelector();

  /** The answer, a gateway error, or which backend gave no answer within the integration timeout. */
  async run(call: TemplatedCall): Promise<TemplatedAnswer | { error: GatewayErrorType } | { timedOut: 'lambda' | 'http' }> {
    const { integration, request } = call;
    const contentType = mediaTypeEssence(request.headers['content-type'] ?? 'application/json');
    const templates = integration.requestTemplates;
    const template = ownField(templates, contentType);
    const passthrough = integration.passthroughBehavior ?? 'when_no_match';
    if (template === undefined && (passthrough === 'never' || (passthrough === 'when_no_templates' && Object.keys(templates).length > 0))) {
      return { error: 'UNSUPPORTED_MEDIA_TYPE' };
    }
    // The same `$context` object goes to both templates: overrides set in one reach the other.
    const context = Object.assign(call.context, {
      requestOverride: { header: {}, querystring: {}, path: {} },
      responseOverride: { header: {} },
    });
    const templateRequest = {
      body: request.body.toString('utf8'),
      path: call.pathParameters,
      querystring: Object.fromEntries(request.query),
      header: readableHeaders(request.headers),
    };
    const variables = { input: inputVariable(templateRequest), util: utilVariable, context, stageVariables: call.stageVariables };
    const values: MethodRequestValues = {
      path: templateRequest.path,
      querystring: templateRequest.querystring,
      header: templateRequest.header,
      body: templateRequest.body,
      stageVariables: call.stageVariables,
      context,
    };
    let integrationRequest: string;
    try {
      integrationRequest = template === undefined ? templateRequest.body : this.#templates.render(template, variables);
    } catch {
      return { error: 'API_CONFIGURATION_ERROR' };
    }
    let backend: { subject: string | undefined; answer: BackendAnswer; answeredBy: string; note?: string };
    if (integration.kind === 'mock') {
      const statusCode = mockStatusCode(integrationRequest);
      if (statusCode === undefined) return { error: 'API_CONFIGURATION_ERROR' };
      // A MOCK integration response has no body.
      backend = { subject: statusCode, answer: { body: '', headers: {} }, answeredBy: 'mock' };
    } else if (integration.kind === 'http' && integration.uri) {
      const called = await callHttpBackend(integration, {
        body: integrationRequest,
        mediaType: template === undefined ? request.headers['content-type'] : contentType,
        method: request.method,
        parameters: mapRequestParameters(integration.requestParameters, values),
        overrides: context.requestOverride,
        stageVariables: call.stageVariables,
      });
      if ('error' in called) return called;
      if ('timedOut' in called) return { timedOut: 'http' };
      backend = { subject: String(called.status), answer: called, answeredBy: 'http' };
    } else if (integration.kind === 'lambda' && call.invokeLambda) {
      let event: unknown;
      try {
        event = JSON.parse(integrationRequest.trim() === '' ? '{}' : integrationRequest);
      } catch {
        return { error: 'API_CONFIGURATION_ERROR' };
      }
      const outcome = await call.invokeLambda(event);
      if ('timedOut' in outcome) return { timedOut: 'lambda' };
      backend =
        'errorMessage' in outcome
          ? { subject: outcome.errorMessage, answer: { body: JSON.stringify(outcome), headers: {} }, answeredBy: 'lambda' }
          : { subject: undefined, answer: { body: JSON.stringify(outcome.result ?? null), headers: {} }, answeredBy: 'lambda' };
    } else {
      const example = call.example();
      // A Lambda function that answers has no error message: the default response takes it.
      backend = {
        subject: integration.kind === 'lambda' ? undefined : '200',
        answer: { body: example.body, headers: {} },
        answeredBy: 'example',
        note: example.note,
      };
    }
    const selected = this.#selector.select(integration.responses, backend.subject);
    if (!selected) return { error: 'API_CONFIGURATION_ERROR' };
    const mediaType = chooseMediaType(Object.keys(selected.responseTemplates), request.headers.accept) ?? 'application/json';
    const responseTemplate = selected.responseTemplates[mediaType];
    let body: string;
    try {
      body =
        responseTemplate === undefined
          ? backend.answer.body
          : // Object.assign: on Node 20 a spread followed by more properties costs microseconds per request.
            this.#templates.render(
              responseTemplate,
              Object.assign({}, variables, { input: inputVariable(Object.assign({}, templateRequest, { body: backend.answer.body })) }),
            );
    } catch {
      return { error: 'API_CONFIGURATION_ERROR' };
    }
    const headers: Record<string, string> = { 'content-type': mediaType };
    for (const [name, value] of Object.entries(mapResponseParameters(selected.responseParameters, backend.answer, values))) {
      const sent = mappedResponseHeaderName(name);
      if (sent !== undefined) setOwn(headers, sent, value);
    }
    if (backend.note) headers['x-apigw-gen-mock'] = backend.note;
    for (const [name, value] of Object.entries(context.responseOverride.header)) setOwn(headers, name.toLowerCase(), String(value));
    const override = Number((context.responseOverride as { status?: unknown }).status);
    // CONVERT_TO_BINARY: the template wrote base64, the client gets the bytes.
    const converted = selected.contentHandling?.toUpperCase() === 'CONVERT_TO_BINARY' ? Buffer.from(body, 'base64') : body;
    return {
      statusCode: Number.isInteger(override) && override >= 100 && override <= 599 ? override : Number(selected.statusCode),
      headers,
      body: converted,
      answeredBy: backend.answeredBy,
    };
  }
}

/**
 * The status a MOCK request template asks for. API Gateway reads it from output that is not
 * strict JSON too (CDK's CORS template writes `{statusCode: 200}`, recorded by AWS as a 200);
 * output without a `statusCode` is a 200.
 */
function mockStatusCode(output: string): string | undefined {
  try {
    const parsed = JSON.parse(output.trim() === '' ? '{}' : output) as { statusCode?: unknown } | null;
    return String(parsed?.statusCode ?? 200);
  } catch {
    const loose = /["']?statusCode["']?\s*:\s*["']?(\d{3})\b/.exec(output);
    return loose ? loose[1] : undefined;
  }
}

interface HttpCall {
  body: string;
  mediaType: string | undefined;
  method: string;
  parameters: ReturnType<typeof mapRequestParameters>;
  overrides: { header: Record<string, unknown>; querystring: Record<string, unknown>; path: Record<string, unknown> };
  stageVariables: Record<string, string>;
}

/**
 * The HTTP backend of a non-proxy integration: the URI with stage variables and the mapped path
 * parameters filled in; only mapped query parameters and headers go (the client's others do not).
 */
async function callHttpBackend(
  integration: IntegrationModel,
  call: HttpCall,
): Promise<{ status: number; headers: Record<string, string>; body: string } | { error: GatewayErrorType } | { timedOut: true }> {
  const path = { ...call.parameters.path, ...stringValues(call.overrides.path) };
  let target: URL;
  try {
    target = new URL(
      integration
        .uri!.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => ownField(call.stageVariables, name) ?? '')
        .replace(/\{([^}]+?)\+?\}/g, (_, name: string) => encodeURIComponent(ownField(path, name) ?? '')),
    );
  } catch {
    return { error: 'API_CONFIGURATION_ERROR' };
  }
  for (const [name, value] of Object.entries({ ...call.parameters.querystring, ...stringValues(call.overrides.querystring) })) {
    target.searchParams.set(name, value);
  }
  // API Gateway's own headers, then the mapped ones less those it never sends, as AWS recorded them (localstack/localstack
  // tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json, test_apigateway_header_remapping_http[HTTP], 8b9a79f).
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'AmazonAPIGateway_local' };
  for (const [name, value] of Object.entries({ ...call.parameters.header, ...stringValues(call.overrides.header) })) {
    const lower = name.toLowerCase();
    if (!NOT_SENT_TO_BACKEND.has(lower)) setOwn(headers, lower, value);
  }
  headers['x-amzn-apigateway-api-id'] = 'local';
  headers['x-amzn-trace-id'] = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const method =
    !integration.httpMethod || integration.httpMethod.toUpperCase() === 'ANY' ? call.method : integration.httpMethod.toUpperCase();
  const sendsBody = call.body.length > 0 && method !== 'GET' && method !== 'HEAD';
  if (sendsBody && call.mediaType && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = call.mediaType;
  }
  try {
    const answer = await sendToBackend(target, {
      method,
      headers,
      ...(sendsBody ? { body: call.body } : {}),
      timeoutMs: integration.timeoutInMillis ?? 29_000,
    });
    const answerHeaders = Object.fromEntries(
      Object.entries(answer.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
    );
    return { status: answer.status, headers: answerHeaders, body: answer.body.toString('utf8') };
  } catch (error) {
    return error instanceof BackendTimeoutError ? { timedOut: true } : { error: 'INTEGRATION_FAILURE' };
  }
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, String(value)]));
}

/** The request's headers as mapping templates and parameter mappings read them: API Gateway's reserved ones left out. */
function readableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !UNREAD_REQUEST_HEADERS.has(name)));
}

/** Mapped headers API Gateway does not send to an HTTP backend (the same recording). */
const NOT_SENT_TO_BACKEND = new Set(['connection', 'expect', 'proxy-authenticate', 'te', 'via', 'content-length', 'transfer-encoding']);
