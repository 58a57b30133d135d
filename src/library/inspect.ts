import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadApi } from '../pipeline/load-api.js';
import type { ApiModel } from '../model/types.js';
import type { DocumentOptions } from './document-options.js';

export type InspectOptions = DocumentOptions;

export interface InspectResult {
  /** The API model every generator reads: operations, schemas, integrations, security, with their JSON pointers. */
  model: ApiModel;
  /** The document's warnings and notes (errors throw). */
  diagnostics: Diagnostic[];
}

/**
 * The API model of a document, as the generators read it.
 * @throws DocumentError when the document has errors.
 */
export async function inspect(options: InspectOptions): Promise<InspectResult> {
  const { model, diagnostics } = await loadApi(options.document, {
    allowExternalRefs: options.allowExternalRefs ?? false,
    ...(options.api === undefined ? {} : { api: options.api }),
    ...(options.apiKind ? { apiKind: options.apiKind } : {}),
  });
  return { model, diagnostics };
}
