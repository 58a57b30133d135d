import { mediaTypeEssence, type ValidationSpec } from '../runtime/handlers/validation.js';
import type { OperationModel } from './types.js';

/**
 * What an operation's validator checks: what its `x-amazon-apigateway-request-validator` enables,
 * or more where `force` says so. Bodies are checked for JSON media types with a schema (the first
 * entry of each media type essence). Undefined when nothing is checked.
 */
export function validationSpec<Check>(
  operation: OperationModel,
  force: { parameters: boolean; body: boolean },
  compile: (pointer: string) => Check | undefined,
): ValidationSpec<Check> | undefined {
  const settings = operation.requestValidator;
  const parameters = force.parameters || settings?.validateRequestParameters === true;
  const body = force.body || settings?.validateRequestBody === true;
  const spec: ValidationSpec<Check> = {};
  if (parameters) {
    const headers = operation.parameters.header.filter((parameter) => parameter.required).map((parameter) => parameter.name);
    const query = operation.parameters.query.filter((parameter) => parameter.required).map((parameter) => parameter.name);
    if (headers.length > 0) spec.headers = headers;
    if (query.length > 0) spec.query = query;
  }
  if (body && operation.requestBody) {
    const bodies: Record<string, Check> = {};
    const seen = new Set<string>();
    for (const media of operation.requestBody.content) {
      const essence = mediaTypeEssence(media.mediaType);
      if (seen.has(essence)) continue;
      seen.add(essence);
      const check = media.schema && /json/.test(essence) ? compile(media.schema.pointer) : undefined;
      if (check !== undefined) Object.defineProperty(bodies, essence, { value: check, enumerable: true });
    }
    if (Object.keys(bodies).length > 0) spec.bodies = bodies;
  }
  return Object.keys(spec).length > 0 ? spec : undefined;
}
