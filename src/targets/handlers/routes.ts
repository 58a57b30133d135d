import { bodyKind, preferredMedia } from '../../emit/media.js';
import type { ApiModel, MediaTypeModel, OperationModel } from '../../model/types.js';
import type { CorsSpec, MediaSpec, RouteSpec } from '../../runtime/handlers/route-spec.js';
import { planParameter, type SchemaLookup } from './parameters.js';

/** How the router reads and answers an operation (see `src/runtime/handlers/route-spec.ts`). */
export function planRouteSpec(operation: OperationModel, context: { model: ApiModel; schemas: SchemaLookup }): RouteSpec {
  const { parameters: groups, requestBody } = operation;
  const parameters = [...groups.path, ...groups.query, ...groups.header, ...groups.cookie].map(
    (parameter) => planParameter(parameter, { schemas: context.schemas, refName: (typeName) => typeName }).spec,
  );
  const preferred = requestBody ? preferredMedia(requestBody.content) : undefined;
  const media = preferred ? [preferred, ...requestBody!.content.filter((entry) => entry !== preferred)].map(mediaSpec) : [];
  const cors = corsSpec(context.model, operation);
  return {
    operationId: operation.id,
    route: operation.isDefaultRoute ? '$default' : `${operation.method} ${operation.path}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(media.length > 0 ? { body: requestBody?.required ? { required: true, media } : { media } } : {}),
    responses: Object.fromEntries(
      operation.responses.map((response) => {
        const declared = preferredMedia(response.content);
        return [/^\dxx$/i.test(response.status) ? response.status.toUpperCase() : response.status, declared ? mediaSpec(declared) : {}];
      }),
    ),
    ...(cors ? { cors } : {}),
  };
}

function mediaSpec(media: MediaTypeModel): MediaSpec {
  return { type: media.mediaType, kind: bodyKind(media) };
}

/**
 * The CORS headers a Lambda proxy answer carries. HTTP APIs declare CORS once
 * (`x-amazon-apigateway-cors`); REST APIs declare it per resource, in the static headers of an
 * `OPTIONS` method's mock integration, and leave proxy integrations to add them themselves.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html
 */
function corsSpec(model: ApiModel, operation: OperationModel): CorsSpec | undefined {
  if (model.kind === 'http') {
    const cors = model.cors;
    const origins = strings(cors?.allowOrigins);
    if (!cors || origins.length === 0) return undefined;
    return buildCors(origins, cors.allowCredentials === true, strings(cors.exposeHeaders));
  }
  const preflight = model.operations.find(
    (candidate) => candidate.method === 'OPTIONS' && candidate.path === operation.path && candidate.integration?.kind === 'mock',
  );
  for (const response of preflight?.integration?.responses ?? []) {
    const header = (name: string) => staticValue(response.responseParameters[`method.response.header.${name}`]);
    const origin = header('Access-Control-Allow-Origin');
    if (origin === undefined) continue;
    const exposed = header('Access-Control-Expose-Headers');
    return buildCors(
      [origin],
      header('Access-Control-Allow-Credentials') === 'true',
      exposed === undefined ? [] : exposed.split(',').map((name) => name.trim()),
    );
  }
  return undefined;
}

function buildCors(allowOrigins: string[], allowCredentials: boolean, exposeHeaders: string[]): CorsSpec {
  return {
    allowOrigins,
    ...(allowCredentials ? { allowCredentials: true as const } : {}),
    ...(exposeHeaders.length > 0 ? { exposeHeaders } : {}),
  };
}

/** `'https://example.org'` → `https://example.org`: a mapping's static value (other values are not known before a request). */
function staticValue(mapping: string | undefined): string | undefined {
  return mapping !== undefined && /^'.*'$/s.test(mapping) ? mapping.slice(1, -1) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
