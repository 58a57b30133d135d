import { runChecks, type CheckOptions } from '../checks/run-checks.js';
import { DocumentError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { blockedOutputs } from '../diagnostics/scope-diagnostics.js';
import { decideApiKind, type ApiKind } from '../document/api-kind.js';
import { dropIgnoredValues } from '../document/dropped-values.js';
import { readSwagger2StyleFields } from '../document/swagger2-style-fields.js';
import { loadDocument, type LoadOptions } from '../load/load-document.js';

export interface ValidateOptions extends LoadOptions {
  /** Check as this kind of API instead of inferring it from the extensions. */
  apiKind?: ApiKind;
  /** Check as a REST API of this endpoint type (the config's `api.endpointType`) instead of the document's. */
  endpointType?: CheckOptions['endpointType'];
  /** Treat warnings as errors. */
  strict?: boolean;
}

/** Each error with the outputs it stops, as every command tells them. */
export function withBlocks(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((diagnostic) =>
    diagnostic.severity === 'error' ? { ...diagnostic, blocks: blockedOutputs(diagnostic) } : diagnostic,
  );
}

/** The pipeline's first stages, shared by `validate` and `loadApi`: load, decide the kind of API, check. */
export async function checkDocument(path: string, options: ValidateOptions & CheckOptions) {
  const loaded = await loadDocument(path, options).catch((error: unknown) => {
    throw error instanceof DocumentError ? new DocumentError(withBlocks(error.diagnostics)) : error;
  });
  const apiKind = decideApiKind(loaded.document, { override: options.apiKind, template: loaded.template });
  const diagnostics = await runChecks(loaded, apiKind.kind, options);
  dropIgnoredValues(loaded.document, apiKind.kind);
  readSwagger2StyleFields(loaded.document);
  return { loaded, apiKind, diagnostics };
}
