import type { Finding } from '../diagnostics/diagnostic.js';
import type { ApiKind } from '../document/api-kind.js';
import type { OperationSite } from '../document/operations.js';
import type { EndpointType } from '../document/endpoint-type.js';
import type { DocumentScan } from '../document/scan-document.js';

/** What every rule receives: the loaded document, facts computed once, and a place to report. */
export interface CheckContext {
  document: Record<string, unknown>;
  openapiVersion: '3.0' | '3.1';
  /** The version the file declared (`2.0` for Swagger documents converted on load). */
  declaredVersion: string;
  apiKind: ApiKind;
  /** A REST API's endpoint type: the config's `api.endpointType`, else the document's, else EDGE. */
  endpointType: EndpointType;
  operations: readonly OperationSite[];
  scan: DocumentScan;
  report(finding: Finding): void;
}

/** A semantic rule: reads the context, reports findings, changes nothing. Async only to load what it needs on first use. */
export type Rule = (context: CheckContext) => void | Promise<void>;
