import type { DocumentSchemaValidator } from '../mock/schema-validator.js';
import type { OperationModel } from '../model/types.js';
import { validationSpec } from '../model/validation-spec.js';
import { checkRequest, type ValidationFailure } from '../runtime/handlers/validation.js';
import type { GatewayRequest } from './gateway-messages.js';

/**
 * The operation's request validator, as the generated handlers run it (src/runtime/handlers/validation.ts):
 * required headers and query string parameters, then the body against the schema of its media type.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 */
export function validateRequest(
  operation: OperationModel,
  request: GatewayRequest,
  validator: DocumentSchemaValidator,
): ValidationFailure | undefined {
  const spec = validationSpec(
    operation,
    { parameters: false, body: false },
    (pointer) => (value: unknown) => validator.errors(pointer, value) === '',
  );
  if (!spec) return undefined;
  return checkRequest(spec, {
    // checkRequest reads only own headers: a required header named `constructor` is there only when sent.
    headers: request.headers,
    hasQuery: (name) => request.query.has(name),
    body: request.body.toString('utf8'),
  });
}
