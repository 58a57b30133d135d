import swagger2openapi from 'swagger2openapi';
import { diagnosticCatalog } from '../diagnostics/codes.js';
import { DocumentError } from '../diagnostics/diagnostic.js';
import { pointerOf } from '../diagnostics/json-pointer.js';
import type { SourceFile } from './source-file.js';

/**
 * Converts a Swagger 2.0 document (what API Gateway exports by default) to OpenAPI 3.0 with
 * swagger2openapi, patching the small mistakes it knows how to fix. `x-amazon-apigateway-*`
 * extensions keep their places: root, operation and security scheme extensions carry over.
 * @see https://github.com/Mermade/oas-kit/tree/main/packages/swagger2openapi
 */
export async function convertSwagger2(
  document: Record<string, unknown>,
  source: SourceFile,
): Promise<{ document: Record<string, unknown>; bareNames: BareNameRef[] }> {
  // The converter mutates its input; convert a copy so the caller's value stays as parsed.
  const copy = structuredClone(document);
  const bareNames = expandBareNameRefs(copy);
  // On failure the converter prints the error's stack with console.warn before it rejects: the
  // user gets the diagnostic below instead.
  /* eslint-disable no-console -- silencing a library's console output, not writing to it */
  const warn = console.warn;
  console.warn = () => {};
  /* eslint-enable no-console */
  try {
    const result = await swagger2openapi.convertObj(copy as never, {
      patch: true,
      warnOnly: true,
      resolve: false,
    });
    return { document: result.openapi as unknown as Record<string, unknown>, bareNames };
  } catch (error) {
    throw new DocumentError([
      {
        code: 'APIGW_OPENAPI_SCHEMA',
        severity: 'error',
        message: `Cannot convert this Swagger 2.0 document to OpenAPI 3.0: ${(error as Error).message}`,
        file: source.displayPath,
        pointer: source.base ?? '',
        help: diagnosticCatalog.APIGW_OPENAPI_SCHEMA.fix,
      },
    ]);
  } finally {
    // eslint-disable-next-line no-console -- restoring what was silenced above
    console.warn = warn;
  }
}

/** A `$ref` written as a bare name, and the reference it was read as. */
export interface BareNameRef {
  /** Pointer of the `$ref` in the Swagger 2.0 document. */
  pointer: string;
  ref: string;
  expanded: string;
}

/**
 * Reads bare-name `$ref`s (`$ref: Pet`) as swagger-parser, API Gateway's importer, does: as
 * references to a definition, or to a shared parameter or response where those are expected.
 * Only names that exist there are expanded; anything else stays a file reference.
 */
function expandBareNameRefs(document: Record<string, unknown>): BareNameRef[] {
  const found: BareNameRef[] = [];
  const visit = (value: unknown, tokens: string[]): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...tokens, String(index)]));
      return;
    }
    const record = value as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string' && /^[^#./:][^#/:]*$/.test(ref) && !/^https?:/i.test(ref)) {
      const section = tokens.at(-2) === 'parameters' ? 'parameters' : tokens.at(-2) === 'responses' ? 'responses' : 'definitions';
      const holder = document[section];
      if (typeof holder === 'object' && holder !== null && Object.hasOwn(holder, ref)) {
        const expanded = `#/${section}/${ref.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        found.push({ pointer: pointerOf([...tokens, '$ref']), ref, expanded });
        record.$ref = expanded;
      }
    }
    for (const [key, child] of Object.entries(record)) visit(child, [...tokens, key]);
  };
  visit(document, []);
  return found;
}
