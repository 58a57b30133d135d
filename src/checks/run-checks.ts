import { diagnosticCatalog } from '../diagnostics/codes.js';
import { compareDiagnostics, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import type { ApiKind } from '../document/api-kind.js';
import { documentEndpointType, type EndpointType } from '../document/endpoint-type.js';
import { listOperations } from '../document/operations.js';
import type { LoadedDocument } from '../load/load-document.js';
import type { CheckContext, Rule } from './check-context.js';
import { checkAuthorizers } from './rules/authorizers.js';
import { checkExtensionValues } from './rules/extension-values.js';
import { checkIntegrations } from './rules/integrations.js';
import { checkOpenApiStructure } from './rules/openapi-structure.js';
import { checkOperationIds } from './rules/operation-ids.js';
import { checkParameterMappings } from './rules/parameter-mappings.js';
import { checkPathParameters } from './rules/path-parameters.js';
import { checkPathSegments } from './rules/path-segments.js';
import { checkPlaceholders } from './rules/placeholders.js';
import { checkReferences } from './rules/references.js';
import { checkRequestValidators } from './rules/request-validators.js';
import { checkRestImport } from './rules/rest-import.js';
import { checkRootExtensions } from './rules/root-extensions.js';
import { checkSecurity } from './rules/security.js';
import { checkStreamingFunctions } from './rules/streaming-functions.js';

/** Every rule, in the order they run. Each is independent: one run reports every problem. */
const rules: readonly Rule[] = [
  checkOpenApiStructure,
  checkReferences,
  checkOperationIds,
  checkPathParameters,
  checkPathSegments,
  checkExtensionValues,
  checkIntegrations,
  checkStreamingFunctions,
  checkParameterMappings,
  checkAuthorizers,
  checkPlaceholders,
  checkSecurity,
  checkRequestValidators,
  checkRootExtensions,
  checkRestImport,
];

export interface CheckOptions {
  /**
   * Whether diagnostics get a line and column: finding positions costs a pass over the source,
   * which a caller that only counts them can skip. Default: true.
   */
  locate?: boolean;
  /** The endpoint type the API is deployed with when it is not the document's (the config's `api.endpointType`). */
  endpointType?: EndpointType;
}

/** Runs every rule over a loaded document and returns its diagnostics, located and sorted. */
export async function runChecks(loaded: LoadedDocument, apiKind: ApiKind, options: CheckOptions = {}): Promise<Diagnostic[]> {
  const findings: Finding[] = [];
  const context: CheckContext = {
    document: loaded.document,
    openapiVersion: loaded.openapiVersion,
    declaredVersion: loaded.declaredVersion,
    apiKind,
    endpointType: options.endpointType ?? documentEndpointType(loaded.document),
    operations: listOperations(loaded.document),
    scan: loaded.scan,
    report: (finding) => findings.push(finding),
  };
  for (const rule of rules) await rule(context);
  return [...loaded.notes, ...locateFindings(loaded, findings, options.locate ?? true)].sort(compareDiagnostics);
}

/** Turns findings into diagnostics with file and line; the same finding reached twice (a shared integration, say) is kept once. */
function locateFindings(loaded: LoadedDocument, findings: Finding[], locate: boolean): Diagnostic[] {
  const seen = new Set<string>();
  const unique = findings.filter((finding) => {
    const key = `${finding.code}\u0000${finding.pointer}\u0000${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const severity = (finding: Finding) => finding.severity ?? diagnosticCatalog[finding.code].severity;
  const located = locate ? unique : [];
  const locations = new Map(loaded.locate(located.map((finding) => finding.pointer)).map((location, index) => [located[index], location]));
  return unique.map((finding) => {
    const location = locations.get(finding) ?? { file: loaded.file, pointer: finding.pointer };
    const info = diagnosticCatalog[finding.code];
    return {
      code: finding.code,
      severity: severity(finding),
      message: finding.message,
      file: location.file,
      pointer: location.pointer,
      ...(location.line === undefined ? {} : { line: location.line, column: location.column ?? 1 }),
      ...(finding.operation ? { operation: finding.operation } : {}),
      help: finding.help ?? info.fix,
    };
  });
}
