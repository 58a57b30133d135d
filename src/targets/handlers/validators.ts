import { _, type Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { CodeValue } from '../../emit/layout.js';
import { bodyKind, preferredMedia } from '../../emit/media.js';
import { renderTemplate } from '../../emit/handlebars.js';
import type { PlannedFile } from '../../emit/write-plan.js';
import { documentAjv, documentSchemaRef } from '../../mock/schema-validator.js';
import { getAtPointer, parsePointer, pointerOf } from '../../diagnostics/json-pointer.js';
import { isRefObject } from '../../document/resolve-ref.js';
import { assignUniqueNames } from '../../model/names.js';
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
  /** Operation ids whose requests (and answers) are never validated. */
  skip: ReadonlySet<string>;
  /** Check each JSON answer against the schema declared for its status (for tests and development). */
  responses: boolean;
}

/** Where the compiler's copy of the document keeps the wrappers of component schemas. */
const SHARED = 'x-apigw-gen-shared';

/** Keywords that may stand beside `$ref` without changing what the schema accepts. */
const ANNOTATIONS = new Set(['$ref', '$comment', 'description', 'summary', 'title', 'example', 'examples', 'externalDocs']);

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
  readonly #document: Record<string, unknown>;
  /** Export names of component schemas, by pointer: `OrderSchema` (the suffix keeps them clear of globals such as `RegExp`). */
  readonly #componentNames: Map<string, string>;
  /** What ajv compiles for the export of a component schema, by pointer (see the constructor). */
  readonly #exportRefs: Map<string, string>;

  constructor(input: { document: Record<string, unknown>; model: ApiModel; options: ValidationOptions }) {
    this.#options = input.options;
    this.#document = input.document;
    const components = input.model.schemas.filter((schema) => schema.origin === 'component');
    this.#componentNames = new Map(components.map((schema) => [schema.pointer, `${schema.typeName}Schema`]));
    // ajv compiles a `$ref`'d schema once per root it is reached from: the exports of component
    // schemas are reached from the document, through a reference, as the schemas that use them
    // reach them, so that one function serves both (`allOf`, since ajv skips a lone `$ref`).
    const shared = Object.fromEntries(
      components.map((schema) => [schema.typeName, { allOf: [{ $ref: `#${encodeURI(schema.pointer)}` }] }]),
    );
    this.#ajv = documentAjv({ ...input.document, [SHARED]: shared }, input.model.openapiVersion, {
      source: true,
      esm: true,
      lines: true,
      formats: _`ajvFormats`,
    });
    this.#exportRefs = new Map(components.map((schema) => [schema.pointer, documentSchemaRef(pointerOf([SHARED, schema.typeName]))]));
  }

  /**
   * The validation of a function's operations, by operation pointer, with the body checks named
   * `Validators.<export>`, and the `validators.gen.ts` that exports them when there are any.
   * Schemas are keyed by identity: bodies that `$ref` the same schema share one export, named
   * after the component (`OrderSchema`), else after the first operation that uses it (`createOrderBody`).
   */
  planFunction(operations: readonly { operation: OperationModel; name: string }[], folder: string): FunctionValidation {
    const validated = operations.filter(({ operation }) => !this.#options.skip.has(operation.id));
    // First the schemas and the names they suggest, then the checks with each schema's unique export name.
    const suggested = new Map<string, string>();
    this.#checks(validated, (pointer, name) => {
      const key = this.#schemaKey(pointer);
      if (key !== undefined && !suggested.has(key)) suggested.set(key, this.#componentNames.get(key) ?? name);
      return key;
    });
    const names = assignUniqueNames([...suggested].map(([key, identifier]) => ({ key, identifier })));
    const { specs, responses } = this.#checks(validated, (pointer) => {
      const key = this.#schemaKey(pointer);
      return key === undefined ? undefined : new CodeValue(`Validators.${names.get(key)!}`);
    });
    if (names.size === 0) return { specs, responses };
    const exports = Object.fromEntries([...names].map(([key, name]) => [name, this.#exportRefs.get(key) ?? documentSchemaRef(key)]));
    const code = standaloneCode.default(this.#ajv, exports);
    return {
      specs,
      responses,
      file: {
        path: `${folder}/validators.gen.ts`,
        contents: renderTemplate('handlers/validators.gen.ts', { formats: code.includes(FORMATS), code }),
        ownership: 'generated',
      },
      formats: code.includes(FORMATS),
    };
  }

  /**
   * What the routes of operations check: the request validator's spec, and the schemas of JSON
   * answers by status when responses are validated. `check` gives the check of a schema
   * (undefined when it cannot be compiled), with the export name the schema's first use suggests.
   */
  #checks<Check>(
    operations: readonly { operation: OperationModel; name: string }[],
    check: (pointer: string, name: string) => Check | undefined,
  ): { specs: Map<string, ValidationSpec<Check>>; responses: Map<string, Record<string, Check>> } {
    const { mode, responses: validateResponses } = this.#options;
    const force = mode === 'all';
    const specs = new Map<string, ValidationSpec<Check>>();
    const responses = new Map<string, Record<string, Check>>();
    for (const { operation, name } of operations) {
      let count = 0;
      const spec =
        mode === 'off'
          ? undefined
          : validationSpec(operation, { parameters: force, body: force }, (pointer) => {
              count++;
              return check(pointer, `${name}Body${count === 1 ? '' : count}`);
            });
      if (spec) specs.set(operation.pointer, spec);
      const schemas: Record<string, Check> = {};
      for (const [status, pointer] of validateResponses ? responseSchemas(operation) : []) {
        const compiled = check(pointer, `${name}Response${status === 'default' ? 'Default' : status}`);
        if (compiled !== undefined) Object.defineProperty(schemas, status, { value: compiled, enumerable: true });
      }
      if (Object.keys(schemas).length > 0) responses.set(operation.pointer, schemas);
    }
    return { specs, responses };
  }

  /**
   * The pointer that identifies a schema: a schema that only `$ref`s another (with annotations
   * beside, which validate nothing) is the other one. Undefined for a schema ajv cannot compile.
   */
  #schemaKey(pointer: string): string | undefined {
    let key = pointer;
    const seen = new Set<string>();
    for (;;) {
      const schema = getAtPointer(this.#document, key);
      if (!isRefObject(schema) || !schema.$ref.startsWith('#/') || seen.has(key)) break;
      if (!Object.keys(schema).every((keyword) => ANNOTATIONS.has(keyword))) break;
      seen.add(key);
      key = pointerOf(parsePointer(schema.$ref));
    }
    return this.#compiles(key) ? key : undefined;
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
  /** The checks of JSON answers, by operation pointer, then by declared status (with response validation on). */
  responses: Map<string, Record<string, CodeValue>>;
  file?: PlannedFile;
  /** True when the validators use format definitions of ajv-formats (a dependency of the package). */
  formats?: boolean;
}

/**
 * The schemas of an operation's JSON answers, by status as routes declare them (`4XX` upper-case):
 * of the media type the router writes for each status (see routes.ts).
 */
function responseSchemas(operation: OperationModel): [string, string][] {
  return operation.responses.flatMap((response): [string, string][] => {
    const media = preferredMedia(response.content);
    if (!media?.schema || bodyKind(media) !== 'json') return [];
    return [[/^\dxx$/i.test(response.status) ? response.status.toUpperCase() : response.status, media.schema.pointer]];
  });
}
