import { Ajv, type CodeOptions, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/**
 * Validates values against the schemas of a (bundled) document, by JSON pointer, with ajv and
 * its standard formats. OpenAPI 3.1 schemas are JSON Schema 2020-12 as they are; 3.0 schemas are
 * read through a copy in which `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum` are
 * rewritten in JSON Schema terms. Used to prefer the document's examples only when they are valid.
 */
export class DocumentSchemaValidator {
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction | undefined>();

  constructor(document: Record<string, unknown>, openapiVersion: '3.0' | '3.1') {
    this.#ajv = documentAjv(document, openapiVersion);
  }

  /** The errors of a value against the schema at `pointer`, as one line; empty when it is valid (or the schema cannot be compiled). */
  errors(pointer: string, value: unknown): string {
    const validate = this.#validator(pointer);
    if (!validate || validate(value)) return '';
    return this.#ajv.errorsText(validate.errors, { dataVar: 'value' });
  }

  #validator(pointer: string): ValidateFunction | undefined {
    if (!this.#compiled.has(pointer)) {
      let validate: ValidateFunction | undefined;
      try {
        validate = this.#ajv.getSchema(documentSchemaRef(pointer));
      } catch {
        validate = undefined; // A schema ajv cannot compile (an unresolvable `$ref`) validates nothing.
      }
      this.#compiled.set(pointer, validate);
    }
    return this.#compiled.get(pointer);
  }
}

/**
 * An ajv instance holding the document under a fixed id, with the options and formats that
 * `serve`'s request validator uses; the handlers generator compiles the same schemas with it
 * (`code` options for standalone code), so that both accept the same values.
 */
export function documentAjv(document: Record<string, unknown>, openapiVersion: '3.0' | '3.1', code?: CodeOptions): Ajv {
  // Code generated ahead of time keeps each `$ref`'d schema as one function shared by its uses,
  // rather than a copy at each use (ajv inlines small ones by default).
  const options = {
    strict: false,
    validateSchema: false,
    allErrors: false,
    logger: false,
    // A body's own properties only: JSON objects have no inherited members, so a property named
    // `constructor` or `toString` is missing unless sent, as API Gateway's validator finds it.
    ownProperties: true,
    ...(code ? { code, inlineRefs: false } : {}),
  } as const;
  const ajv = openapiVersion === '3.1' ? new Ajv2020(options) : new Ajv(options);
  ajvFormats.default(ajv);
  // API Gateway's validator does not check `byte` (base64): "this is random" passed it, as AWS answered in
  // localstack/localstack tests/aws/services/apigateway/test_apigateway_import.py::test_import_with_circular_models_and_request_validation (8b9a79f).
  ajv.addFormat('byte', true);
  ajv.addSchema(openapiVersion === '3.1' ? document : (fromOpenApi30(document) as object), DOCUMENT_ID);
  return ajv;
}

/** The ajv reference of the schema at a JSON pointer of the document. */
export function documentSchemaRef(pointer: string): string {
  return `${DOCUMENT_ID}#${encodeURI(pointer)}`;
}

const DOCUMENT_ID = 'apigw-gen:document';

/** A copy of a 3.0 document whose schema keywords mean in JSON Schema what they mean in OpenAPI 3.0. */
function fromOpenApi30(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromOpenApi30);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(copy, key, { value: fromOpenApi30(child), enumerable: true, writable: true, configurable: true });
  }
  if (copy.nullable === true) {
    delete copy.nullable;
    if (typeof copy.type === 'string') copy.type = [copy.type, 'null'];
    if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...(copy.enum as unknown[]), null];
  } else if (copy.nullable === false) delete copy.nullable;
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (copy[exclusive] === true && typeof copy[bound] === 'number') {
      copy[exclusive] = copy[bound];
      delete copy[bound];
    } else if (typeof copy[exclusive] === 'boolean') delete copy[exclusive];
  }
  return copy;
}
