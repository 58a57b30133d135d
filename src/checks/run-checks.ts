import { diagnosticCatalog } from '../diagnostics/codes.js';
import { compareDiagnostics, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import type { ApiKind } from '../document/api-kind.js';
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
import { checkReferences } from './rules/references.js';
import { checkRequestValidators } from './rules/request-validators.js';
import { checkRestImport } from './rules/rest-import.js';
import { checkRootExtensions } from './rules/root-extensions.js';
import { checkSecurity } from './rules/security.js';

/** Every rule, in the order they run. Each is independent: one run reports every problem. */
export const rules: readonly Rule[] = [
  checkOpenApiStructure,
  checkReferences,
  checkOperationIds,
  checkPathParameters,
  checkPathSegments,
  checkExtensionValues,
  checkIntegrations,
  checkParameterMappings,
  checkAuthorizers,
  checkSecurity,
  checkRequestValidators,
  checkRootExtensions,
  checkRestImport,
];

/** Runs every rule over a loaded document and returns its diagnostics, located and sorted. */
export async function runChecks(loaded: LoadedDocument, apiKind: ApiKind): Promise<Diagnostic[]> {
  const findings: Finding[] = [];
  const context: CheckContext = {
    document: loaded.document,
    openapiVersion: loaded.openapiVersion,
    declaredVersion: loaded.declaredVersion,
    apiKind,
    operations: listOperations(loaded.document),
    scan: loaded.scan,
    report: (finding) => findings.push(finding),
  };
  for (const rule of rules) await rule(context);
  return [...loaded.notes, ...locateFindings(loaded, findings)].sort(compareDiagnostics);
}

/** Turns findings into diagnostics with file and line; the same finding reached twice (a shared integration, say) is kept once. */
function locateFindings(loaded: LoadedDocument, findings: Finding[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = findings.filter((finding) => {
    const key = `${finding.code}\u0000${finding.pointer}\u0000${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const locations = loaded.locate(unique.map((finding) => finding.pointer));
  return unique.map((finding, index) => {
    const location = locations[index]!;
    const info = diagnosticCatalog[finding.code];
    return {
      code: finding.code,
      severity: finding.severity ?? info.severity,
      message: finding.message,
      file: location.file,
      pointer: location.pointer,
      ...(location.line === undefined ? {} : { line: location.line, column: location.column ?? 1 }),
      ...(finding.operation ? { operation: finding.operation } : {}),
      help: finding.help ?? info.fix,
    };
  });
}
