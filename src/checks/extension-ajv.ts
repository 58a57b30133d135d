import { Ajv } from 'ajv';

/**
 * The ajv instance that checks extension values, with the keywords of our extension schemas.
 * A module of its own so that ajv loads only when a document has extensions to check.
 */
export function createExtensionAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  instance.addKeyword({ keyword: 'errorText', schemaType: 'string' });
  instance.addKeyword({
    keyword: 'caseInsensitiveEnum',
    type: 'string',
    schemaType: 'array',
    error: { message: 'must be one of the allowed values', params: (context) => ({ allowedValues: context.schema as unknown }) as never },
    validate: (allowed: string[], data: string) => allowed.some((value) => value.toLowerCase() === data.toLowerCase()),
  });
  return instance;
}
