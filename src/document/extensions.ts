import type { ApiKind } from './api-kind.js';

/** Where in an OpenAPI 3 document an extension is read. */
export type ExtensionPlace = 'root' | 'server' | 'tag' | 'components' | 'pathItem' | 'operation' | 'securityScheme';

/** What API Gateway reads of one `x-amazon-apigateway-*` name. */
export interface ExtensionInfo {
  places: readonly ExtensionPlace[];
  kinds: readonly ApiKind[];
  /** Developer-guide page. */
  page: string;
}

const REST: readonly ApiKind[] = ['rest'];
const HTTP: readonly ApiKind[] = ['http'];
const BOTH: readonly ApiKind[] = ['rest', 'http'];

/**
 * Every extension API Gateway defines, where it goes and which kind of API reads it.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
export const extensionCatalog: Record<string, ExtensionInfo> = {
  'x-amazon-apigateway-any-method': { places: ['pathItem'], kinds: BOTH, page: 'api-gateway-swagger-extensions-any-method.html' },
  'x-amazon-apigateway-cors': { places: ['root'], kinds: HTTP, page: 'api-gateway-swagger-extensions-cors-configuration.html' },
  'x-amazon-apigateway-api-key-source': { places: ['root'], kinds: REST, page: 'api-gateway-swagger-extensions-api-key-source.html' },
  'x-amazon-apigateway-auth': { places: ['operation'], kinds: BOTH, page: 'api-gateway-swagger-extensions-auth.html' },
  'x-amazon-apigateway-authorizer': { places: ['securityScheme'], kinds: BOTH, page: 'api-gateway-swagger-extensions-authorizer.html' },
  'x-amazon-apigateway-authtype': { places: ['securityScheme'], kinds: BOTH, page: 'api-gateway-swagger-extensions-authtype.html' },
  'x-amazon-apigateway-binary-media-types': {
    places: ['root'],
    kinds: REST,
    page: 'api-gateway-swagger-extensions-binary-media-types.html',
  },
  'x-amazon-apigateway-documentation': { places: ['root'], kinds: REST, page: 'api-gateway-swagger-extensions-documentation.html' },
  'x-amazon-apigateway-endpoint-access-mode': { places: ['root'], kinds: REST, page: 'openapi-extensions-endpoint-access-mode.html' },
  'x-amazon-apigateway-endpoint-configuration': {
    places: ['server'],
    kinds: BOTH,
    page: 'api-gateway-swagger-extensions-endpoint-configuration.html',
  },
  'x-amazon-apigateway-gateway-responses': { places: ['root'], kinds: REST, page: 'api-gateway-swagger-extensions-gateway-responses.html' },
  'x-amazon-apigateway-importexport-version': { places: ['root'], kinds: HTTP, page: 'api-gateway-extensions-importexport-version.html' },
  'x-amazon-apigateway-integration': { places: ['operation'], kinds: BOTH, page: 'api-gateway-swagger-extensions-integration.html' },
  'x-amazon-apigateway-integrations': { places: ['components'], kinds: HTTP, page: 'api-gateway-extensions-integrations.html' },
  'x-amazon-apigateway-minimum-compression-size': {
    places: ['root'],
    kinds: REST,
    page: 'api-gateway-openapi-minimum-compression-size.html',
  },
  'x-amazon-apigateway-policy': { places: ['root'], kinds: REST, page: 'openapi-extensions-policy.html' },
  'x-amazon-apigateway-request-validator': {
    places: ['root', 'operation'],
    kinds: REST,
    page: 'api-gateway-swagger-extensions-request-validator.html',
  },
  'x-amazon-apigateway-request-validators': {
    places: ['root'],
    kinds: REST,
    page: 'api-gateway-swagger-extensions-request-validators.html',
  },
  'x-amazon-apigateway-security-policy': { places: ['root'], kinds: REST, page: 'openapi-extensions-security-policy.html' },
  'x-amazon-apigateway-tag-value': {
    places: ['tag'],
    kinds: HTTP,
    page: 'api-gateway-openapi-extensions-x-amazon-apigateway-tag-value.html',
  },
};

export const EXTENSION_PREFIX = 'x-amazon-apigateway-';
