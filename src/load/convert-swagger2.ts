import swagger2openapi from 'swagger2openapi';
import { diagnosticCatalog } from '../diagnostics/codes.js';
import { DocumentError } from '../diagnostics/diagnostic.js';
import type { SourceFile } from './source-file.js';

/**
 * Converts a Swagger 2.0 document (what API Gateway exports by default) to OpenAPI 3.0 with
 * swagger2openapi, patching the small mistakes it knows how to fix. `x-amazon-apigateway-*`
 * extensions keep their places: root, operation and security scheme extensions carry over.
 * @see https://github.com/Mermade/oas-kit/tree/main/packages/swagger2openapi
 */
export async function convertSwagger2(document: Record<string, unknown>, source: SourceFile): Promise<Record<string, unknown>> {
  try {
    // The converter mutates its input; convert a copy so the caller's value stays as parsed.
    const result = await swagger2openapi.convertObj(structuredClone(document) as never, {
      patch: true,
      warnOnly: true,
      resolve: false,
    });
    return result.openapi as unknown as Record<string, unknown>;
  } catch (error) {
    throw new DocumentError([
      {
        code: 'APIGW_OPENAPI_SCHEMA',
        severity: 'error',
        message: `Cannot convert this Swagger 2.0 document to OpenAPI 3.0: ${(error as Error).message}`,
        file: source.displayPath,
        pointer: '',
        help: diagnosticCatalog.APIGW_OPENAPI_SCHEMA.fix,
      },
    ]);
  }
}
