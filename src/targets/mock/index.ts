import { UsageError } from '../../diagnostics/diagnostic.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';
import type { ApiModel, OperationModel, ResponseModel } from '../../model/types.js';
import { binarySample, needsBinarySample } from '../../mock/binary-samples.js';
import { bodyText, mockValue, type MockContext } from '../../mock/mock-bodies.js';
import { DocumentSchemaValidator } from '../../mock/schema-validator.js';
import { vtlLiteral } from '../../mock/vtl-literal.js';

/**
 * `apigw-gen mock`: a copy of the document in which operations get MOCK integrations that answer
 * with the document's examples (or data built from the schemas), so that the API can be deployed
 * before any backend exists.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */

export interface MockOptions {
  /** The document the model was built from (`loadApi().document`); it is copied, never changed. */
  document: Record<string, unknown>;
  /** Mock every operation, replacing the integrations it has. Default: only operations without one. */
  all?: boolean;
}

export interface MockPlan {
  document: Record<string, unknown>;
  mocked: OperationModel[];
  /** Operations that could not get a MOCK integration, and why. */
  skipped: { operation: OperationModel; reason: string }[];
  /** Examples of the document not used because their schema rejects them. */
  rejectedExamples: { pointer: string; reason: string }[];
}

/** The query parameter or header that asks a mock for another of the declared responses. */
const MOCK_STATUS_PARAMETER = 'x-mock-status';

const INTEGRATION = 'x-amazon-apigateway-integration';

export function planMockDocument(model: ApiModel, options: MockOptions): MockPlan {
  if (model.kind === 'http') {
    throw new UsageError(
      'HTTP APIs have no MOCK integrations (they accept only Lambda and HTTP proxy integrations); run `apigw-gen serve` for a local mock.',
    );
  }
  const document = structuredClone(options.document);
  const context: MockContext = {
    schemas: new Map(model.schemas.map((schema) => [schema.typeName, schema])),
    validator: new DocumentSchemaValidator(options.document, model.openapiVersion),
  };
  const plan: MockPlan = { document, mocked: [], skipped: [], rejectedExamples: [] };
  for (const operation of model.operations) {
    if (operation.integration && !options.all) continue;
    const target = getAtPointer(document, operation.pointer);
    if (!isRecord(target)) continue;
    let statuses = operation.responses.filter((response) => /^[1-5]\d\d$/.test(response.status));
    if (statuses.length === 0) {
      const fallback = answerForUnnumbered(operation, target);
      if (!fallback) {
        plan.skipped.push({ operation, reason: 'it declares no response with a status code, a 2XX range or a default' });
        continue;
      }
      statuses = [fallback];
    }
    const success = statuses.find((response) => response.status.startsWith('2')) ?? statuses[0]!;
    target[INTEGRATION] = mockIntegration(operation, statuses, success, context, plan);
    target.description = describeMock(target.description, success, statuses);
    plan.mocked.push(operation);
  }
  return plan;
}

/**
 * An operation that declares only a `default` response (or a `2XX` range) is mocked answering
 * 200 with it: API Gateway needs a method response with a status code for the integration
 * response, so the document gains a `200` response, a copy of the one it stands for.
 */
function answerForUnnumbered(operation: OperationModel, target: Record<string, unknown>): ResponseModel | undefined {
  const source =
    operation.responses.find((response) => response.status.toUpperCase() === '2XX') ??
    operation.responses.find((response) => response.status === 'default');
  const responses = target.responses;
  if (!source || !isRecord(responses) || !isRecord(responses[source.status])) return undefined;
  responses['200'] = structuredClone(responses[source.status]);
  return { ...source, status: '200' };
}

function mockIntegration(
  operation: OperationModel,
  statuses: ResponseModel[],
  success: ResponseModel,
  context: MockContext,
  plan: MockPlan,
): Record<string, unknown> {
  const requestTypes = new Set(['application/json', ...(operation.requestBody?.content ?? []).map((media) => media.mediaType)]);
  const template = statusTemplate(operation, statuses, success);
  return {
    type: 'mock',
    // A body of a content type the operation does not declare gets API Gateway's 415.
    passthroughBehavior: 'when_no_templates',
    requestTemplates: Object.fromEntries(
      [...requestTypes].filter((mediaType) => !mediaType.includes('*')).map((mediaType) => [mediaType, template]),
    ),
    responses: Object.fromEntries(
      statuses.map((response) => [response === success ? 'default' : response.status, integrationResponse(response, context, plan)]),
    ),
  };
}

/**
 * The request template: `{"statusCode": N}` for the success response, or for the declared status
 * a request names in `x-mock-status` (`$input.params` reads path, query string and headers).
 */
function statusTemplate(operation: OperationModel, statuses: ResponseModel[], success: ResponseModel): string {
  const others = statuses.filter((response) => response !== success).map((response) => response.status);
  const lines = [
    // A line comment ends at a line break: none may come from the document.
    `## apigw-gen mock of ${operation.label.replace(/[\r\n\u2028\u2029]+/g, ' ')}`,
    `#set($status = $input.params('${MOCK_STATUS_PARAMETER}'))`,
    ...others.flatMap((status, index) => [`#${index === 0 ? 'if' : 'elseif'}($status == '${status}')`, `{"statusCode": ${status}}`]),
    ...(others.length > 0 ? ['#else'] : []),
    `{"statusCode": ${success.status}}`,
    ...(others.length > 0 ? ['#end'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function integrationResponse(response: ResponseModel, context: MockContext, plan: MockPlan): Record<string, unknown> {
  const entry: Record<string, unknown> = { statusCode: response.status };
  const templates: [string, string][] = [];
  // Content handling is per integration response: a response declaring only binary media types
  // gets base64 samples converted to bytes; binary types beside text ones are left without a body.
  const binaryOnly = response.content.length > 0 && response.content.every(needsBinarySample);
  if (binaryOnly) entry.contentHandling = 'CONVERT_TO_BINARY';
  for (const media of response.content) {
    if (needsBinarySample(media)) {
      if (binaryOnly && !media.mediaType.includes('*')) templates.push([media.mediaType, binarySample(media.mediaType)]);
      continue;
    }
    const mediaType = media.mediaType === '*/*' ? 'application/json' : media.mediaType;
    if (mediaType.includes('*') || templates.some(([existing]) => existing === mediaType)) continue;
    const mock = mockValue(media, context);
    for (const reason of mock.rejected) plan.rejectedExamples.push({ pointer: media.pointer, reason });
    templates.push([mediaType, vtlLiteral(bodyText(mediaType, mock.value))]);
  }
  if (templates.length > 0) entry.responseTemplates = Object.fromEntries(templates);
  const parameters: [string, string][] = [];
  for (const header of response.headers) {
    const text = headerText(mockValue({ examples: [], schema: header.schema }, context).value);
    // A static value is written in single quotes, which it cannot contain.
    if (!text.includes("'") && !/[\r\n]/.test(text)) parameters.push([`method.response.header.${header.name}`, `'${text}'`]);
  }
  if (parameters.length > 0) entry.responseParameters = Object.fromEntries(parameters);
  return entry;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describeMock(description: unknown, success: ResponseModel, statuses: ResponseModel[]): string {
  const others = statuses.filter((response) => response !== success).map((response) => response.status);
  const note =
    `Mocked by apigw-gen: answers ${success.status}` +
    (others.length > 0 ? `; send \`${MOCK_STATUS_PARAMETER}: ${others[0]}\` (a header or query parameter) for ${others.join(', ')}.` : '.');
  return typeof description === 'string' && description.trim() !== '' ? `${description.trimEnd()}\n\n${note}` : note;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
