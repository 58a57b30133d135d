export * from './client.gen.js';
export {
  ApiClientCore,
  ApiError,
  type BasicCredentials,
  type CallOptions,
  type ErrorContext,
  type GatewayErrorBody,
  type Middleware,
  type RequestContext,
  type ResponseContext,
  type TokenProvider,
} from './runtime/client.js';
export type * as Models from './models.gen.js';
