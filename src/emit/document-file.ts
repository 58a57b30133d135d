import jsYaml from 'js-yaml';
import { UsageError } from '../diagnostics/diagnostic.js';

/** How a generated OpenAPI document is written: chosen by the output file's extension. */
export type DocumentFormat = 'json' | 'yaml';

export function documentFormatOf(path: string): DocumentFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  throw new UsageError(`${path}: name the output file .yaml, .yml or .json, which decides its format.`);
}

/**
 * The root key that marks a document apigw-gen generated (JSON has no comments to carry the
 * mark), so that a later run may replace it and never replaces a document someone wrote.
 */
const GENERATED_KEY = 'x-apigw-gen-generated';

/** A generated document's text, with its mark; YAML also gets `header` as a comment. */
export function serializeDocument(document: Record<string, unknown>, format: DocumentFormat, header: string): string {
  const marked = { ...document, [GENERATED_KEY]: header };
  if (format === 'json') return `${JSON.stringify(marked, null, 2)}\n`;
  const comment = `# ${header.replace(/[\r\n]+/g, ' ')}\n`;
  return comment + jsYaml.dump(marked, { lineWidth: -1, noRefs: true, noCompatMode: true });
}

/** True for the text of a document apigw-gen generated. */
export function isGeneratedDocument(text: string): boolean {
  return new RegExp(`^\\s*"?${GENERATED_KEY}"?\\s*:`, 'm').test(text);
}
