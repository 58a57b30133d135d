import type { Readable } from 'node:stream';

/** A request as the local gateway receives it, and its answer: what the HTTP server and the gateway's stages exchange. */

export interface GatewayRequest {
  method: string;
  /** Path without the query string, as received. */
  path: string;
  query: URLSearchParams;
  /** The query string as sent, without `?` (payload 2.0's `rawQueryString`). */
  rawQuery?: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
  /** Headers as received: name, value, name, value… (the client's casing; repeated headers kept apart). */
  rawHeaders?: string[];
  /** The port the request came in on (`X-Forwarded-Port`). */
  localPort?: number;
}

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
  /**
   * A streamed body (response streaming), sent as it comes instead of `body`; an error ends the
   * client's transfer unfinished.
   */
  stream?: Readable;
  /** What answered, for the log line: `mock`, `example`, `httpProxy`, `gateway`. */
  answeredBy: string;
}
