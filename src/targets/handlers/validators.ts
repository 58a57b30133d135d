import { _, type Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { CodeValue } from '../../emit/layout.js';
import { renderTemplate } from '../../emit/handlebars.js';
import type { PlannedFile } from '../../emit/write-plan.js';
import { documentAjv, documentSchemaRef } from '../../mock/schema-validator.js';
import type { ApiModel, OperationModel } from '../../model/types.js';
import { validationSpec } from '../../model/validation-spec.js';
import type { ValidationSpec } from '../../runtime/handlers/validation.js';

/**
 * Which operations the generated routers validate, with API Gateway's request validator rules:
 * - `document` (default): what each operation's `x-amazon-apigateway-request-validator` enables,
 *   as the deployed API validates;
 * - `all`: required parameters and JSON bodies of every operation (HTTP APIs have no request validators);
 * - `off`: none.
 */
export type ValidationMode = 'document' | 'all' | 'off';

export interface ValidationOptions {
  mode: ValidationMode;
  /** Operation ids whose requests are never validated. */
  skip: ReadonlySet<string>;
}

/** The name ajv's standalone code gives the format definitions it cannot print (functions), imported from ajv-formats (`code.formats` below). */
const FORMATS = 'ajvFormats';

/**
 * Compiles body schemas ahead of time into ajv standalone code, with the ajv options and
 * formats `serve` validates with (src/mock/schema-validator.ts): generated routers run no schema
 * compiler. One compiler per generation run; one validators file per function.
 */
export class ValidatorCompiler {
  readonly #ajv: Ajv;
  readonly #options: ValidationOptions;

  constructor(input: { document: Record<string, unknown>; model: ApiModel; options: ValidationOptions }) {
    this.#options = input.options;
    this.#ajv = documentAjv(input.document, input.model.openapiVersion, { source: true, esm: true, lines: true, formats: _`ajvFormats` });
  }

  /**
   * The validation of a function's operations, by operation pointer, with the body checks named
   * `Validators.<export>`, and the `validators.gen.ts` that exports them when there are any.
   */
  planFunction(operations: readonly { operation: OperationModel; name: string }[], folder: string): FunctionValidation {
    const specs = new Map<string, ValidationSpec<CodeValue>>();
    const exports: Record<string, string> = {};
    const { mode, skip } = this.#options;
    if (mode === 'off') return { specs };
    for (const { operation, name } of operations) {
      if (skip.has(operation.id)) continue;
      let count = 0;
      const force = mode === 'all';
      const spec = validationSpec(operation, { parameters: force, body: force }, (pointer) => {
        if (!this.#compiles(pointer)) return undefined;
        count++;
        const exported = `${name}Body${count === 1 ? '' : count}`;
        exports[exported] = documentSchemaRef(pointer);
        return new CodeValue(`Validators.${exported}`);
      });
      if (spec) specs.set(operation.pointer, spec);
    }
    if (Object.keys(exports).length === 0) return { specs };
    const code = standaloneCode.default(this.#ajv, exports);
    return {
      specs,
      file: {
        path: `${folder}/validators.gen.ts`,
        contents: renderTemplate('handlers/validators.gen.ts', { formats: code.includes(FORMATS), code }),
        ownership: 'generated',
      },
      formats: code.includes(FORMATS),
    };
  }

  /** False for a schema ajv cannot compile (an unresolvable `$ref`), which `serve` does not check either. */
  #compiles(pointer: string): boolean {
    try {
      return this.#ajv.getSchema(documentSchemaRef(pointer)) !== undefined;
    } catch {
      return false;
    }
  }
}

export interface FunctionValidation {
  specs: Map<string, ValidationSpec<CodeValue>>;
  file?: PlannedFile;
  /** True when the validators use format definitions of ajv-formats (a dependency of the package). */
  formats?: boolean;
}
