/**
 * How a generated router reads the requests of one operation and writes its answers: data the
 * generator prints from the API model, read by `request.ts` and `result.ts`. This file is copied
 * verbatim into every handlers package.
 */
import type { ReportingCheck, ValidationSpec } from './validation.js';

/** The type a parameter's text is converted to. Schemas that are not a scalar or a list of scalars stay text. */
export type ScalarType = 'string' | 'number' | 'integer' | 'boolean';

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  type: ScalarType;
  /** A list of values: repeated query parameters (payload 1.0), or values separated by commas. */
  array?: true;
  /** A query list sent as one comma-separated value (`style: form, explode: false`). */
  joined?: true;
  required?: true;
  /** The allowed values, as the document gives them. */
  enum?: readonly (string | number | boolean)[];
  /** The schema's `default`, which an absent query parameter or header takes. */
  default?: string | number | boolean | readonly (string | number | boolean)[];
}

/** How a body of a media type is read and written. */
export interface MediaSpec {
  /** The media type, possibly with wildcards (`image/*`). */
  type: string;
  kind: 'json' | 'text' | 'binary';
}

export interface BodySpec {
  required?: true;
  /** The accepted media types, the preferred one first (used when a request has no `Content-Type`). */
  media: readonly MediaSpec[];
}

/** The CORS headers API Gateway does not add to Lambda proxy answers by itself. */
export interface CorsSpec {
  /** `*`, or origins echoed back when a request comes from one of them. */
  allowOrigins: readonly string[];
  allowCredentials?: true;
  exposeHeaders?: readonly string[];
}

export interface RouteSpec {
  operationId: string;
  /** `GET /books/{bookId}` (`ANY /…` for `x-amazon-apigateway-any-method`), or `$default`. */
  route: string;
  parameters?: readonly ParameterSpec[];
  body?: BodySpec;
  /** The declared responses by status (`200`, `4XX`, `default`): how to write their body, `{}` when they have none. */
  responses: Readonly<Record<string, MediaSpec | Record<string, never>>>;
  cors?: CorsSpec;
  /** What API Gateway's request validator checks before the operation runs (answered 400 as API Gateway does). */
  validation?: ValidationSpec;
  /**
   * With response validation on (for tests and development): the schemas of JSON answers, by
   * declared status as in `responses`. An answer that does not match becomes a 500 that says why.
   */
  responseSchemas?: Readonly<Record<string, ReportingCheck>>;
}
