import { isRecord } from './resolve-ref.js';

/** The endpoint types of a REST API. */
export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';

/**
 * The endpoint type a document declares in `x-amazon-apigateway-endpoint-configuration` (on its
 * first server in OpenAPI 3, at the root in Swagger 2.0), else EDGE: what API Gateway creates
 * when nothing says otherwise.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_EndpointConfiguration.html
 */
export function documentEndpointType(document: Record<string, unknown>): EndpointType {
  const firstServer: unknown = Array.isArray(document.servers) ? document.servers[0] : undefined;
  const configuration =
    (isRecord(firstServer) ? firstServer['x-amazon-apigateway-endpoint-configuration'] : undefined) ??
    document['x-amazon-apigateway-endpoint-configuration'];
  const types: unknown = isRecord(configuration) ? configuration.types : undefined;
  const first: unknown = Array.isArray(types) ? types[0] : undefined;
  return first === 'REGIONAL' || first === 'PRIVATE' ? first : 'EDGE';
}
