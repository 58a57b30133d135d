import type { MediaTypeModel } from '../model/types.js';
import type { DocumentSchemaValidator } from './schema-validator.js';
import { synthesize, type SchemaLookup } from './synthesize.js';

/** A mock body for one media type of a response (or a header value). */
export interface MockValue {
  value: unknown;
  /** `example`: one the document gives; `schema`: built from the schema. */
  source: 'example' | 'schema';
  /** Why the document's examples were not used, when some were invalid. */
  rejected: string[];
}

export interface MockContext {
  schemas: SchemaLookup;
  validator: DocumentSchemaValidator;
}

/**
 * The value a mock answers with: the media type's first example that is valid against its
 * schema, else the schema's own example, else a value built from the schema (first with the
 * schema's nested examples and defaults, then, if those make it invalid, from constraints only).
 */
export function mockValue(media: Pick<MediaTypeModel, 'examples' | 'schema'>, context: MockContext): MockValue {
  const rejected: string[] = [];
  const schema = media.schema;
  const check = (value: unknown) => (schema ? context.validator.errors(schema.pointer, value) : '');
  for (const example of media.examples) {
    const errors = check(example.value);
    if (errors === '') return { value: example.value, source: 'example', rejected };
    rejected.push(`example${example.name ? ` "${example.name}"` : ''}: ${errors}`);
  }
  if (!schema) return { value: {}, source: 'schema', rejected };
  const built = synthesize(schema, context.schemas, { useExamples: true });
  if (check(built) === '') return { value: built, source: 'schema', rejected };
  return { value: synthesize(schema, context.schemas, { useExamples: false }), source: 'schema', rejected };
}

/** True for media types whose bodies are JSON text. */
function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json') || essence === '*/*';
}

/** The body text of a mock value: strings as they are for non-JSON media types, JSON otherwise. */
export function bodyText(mediaType: string, value: unknown): string {
  if (typeof value === 'string' && !isJsonMediaType(mediaType)) return value;
  return JSON.stringify(value, null, 2);
}
