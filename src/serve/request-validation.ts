import type { DocumentSchemaValidator } from '../mock/schema-validator.js';
import type { OperationModel } from '../model/types.js';
import type { GatewayRequest } from './gateway-messages.js';
import { mediaTypeEssence } from './media-types.js';

/**
 * The operation's request validator: required headers and query string parameters, then the
 * body against the schema of its media type, with API Gateway's 400 messages.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 */
export function validateRequest(
  operation: OperationModel,
  request: GatewayRequest,
  validator: DocumentSchemaValidator,
): { type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY'; message: string } | undefined {
  const settings = operation.requestValidator;
  if (!settings) return undefined;
  if (settings.validateRequestParameters) {
    // Headers, then query strings: API Gateway lists `method.request.*` parameters by key
    // (LocalStack's validator, localstack/localstack services/apigateway, does the same).
    const missing = [
      ...operation.parameters.header.filter(
        (parameter) => parameter.required && request.headers[parameter.name.toLowerCase()] === undefined,
      ),
      ...operation.parameters.query.filter((parameter) => parameter.required && !request.query.has(parameter.name)),
    ].map((parameter) => parameter.name);
    if (missing.length > 0)
      return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.join(', ')}]` };
  }
  const body = operation.requestBody;
  if (!settings.validateRequestBody || !body) return undefined;
  const contentType = mediaTypeEssence(request.headers['content-type'] ?? 'application/json');
  const media = body.content.find((candidate) => mediaTypeEssence(candidate.mediaType) === contentType);
  if (!media?.schema || !/json/.test(contentType)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
  }
  return validator.errors(media.schema.pointer, value) === '' ? undefined : { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
}
