export { OrdersHTTPAPIClient, isApiError } from './client.gen.js';
export type * from './client.gen.js';
export { ApiError, type BasicCredentials, type CallOptions, type GatewayErrorBody, type TokenProvider } from './runtime/client.js';
export type * as Models from './models.gen.js';
