/**
 * Request serialization for generated SDKs: path and query parameters by OpenAPI style and
 * explode. This file is copied verbatim into every SDK package, so it depends on nothing.
 * @see https://spec.openapis.org/oas/v3.0.3#style-values
 */

export type Primitive = string | number | boolean;
export type ParameterValue = Primitive | readonly Primitive[] | Readonly<Record<string, Primitive>> | null | undefined;

export interface ParameterStyle {
  style: string;
  explode: boolean;
  allowReserved?: boolean;
}

/**
 * Percent-encodes a value for a URL. With `allowReserved`, RFC 3986 reserved characters stay as
 * they are, except `&`, `=`, `#`, `[` and `]`, which would change how the query string parses.
 */
function encode(value: Primitive, allowReserved = false): string {
  const text = encodeURIComponent(String(value));
  return allowReserved ? text.replace(/%(21|24|27|28|29|2A|2B|2C|2F|3A|3B|3F|40)/gi, (escaped) => decodeURIComponent(escaped)) : text;
}

/**
 * The value a caller gave for a parameter: own properties only, so that a parameter named like an
 * Object.prototype member (`constructor`, `toString`) is absent when not given, not inherited.
 */
export function ownValue(values: Readonly<Record<string, ParameterValue>> | undefined, name: string): ParameterValue {
  return values !== undefined && Object.hasOwn(values, name) ? values[name] : undefined;
}

/**
 * Fills a path template. Values use the `simple` style; a greedy API Gateway parameter
 * (`{proxy+}`) keeps its slashes.
 */
export function buildPath(template: string, values: Readonly<Record<string, ParameterValue>>): string {
  return template.replace(/\{([^}+]+)(\+?)\}/g, (_match, name: string, greedy: string) => {
    const value = ownValue(values, name);
    if (value === undefined || value === null) throw new TypeError(`missing path parameter "${name}"`);
    if (greedy)
      return String(value)
        .split('/')
        .map((segment) => encode(segment))
        .join('/');
    if (Array.isArray(value)) return value.map((item: Primitive) => encode(item)).join(',');
    if (typeof value === 'object')
      return Object.entries(value)
        .map(([key, item]) => `${encode(key)},${encode(item)}`)
        .join(',');
    return encode(value);
  });
}

/**
 * Serializes query parameters (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`) in the
 * given order, then the `encoded` pairs (credentials sent in the query string).
 */
export function buildQuery(
  parameters: readonly { name: string; value: ParameterValue; style: ParameterStyle }[],
  encoded: readonly string[] = [],
): string {
  const pairs: string[] = [];
  for (const { name, value, style } of parameters) {
    if (value === undefined || value === null) continue;
    const key = encode(name);
    const item = (raw: Primitive) => encode(raw, style.allowReserved);
    if (Array.isArray(value)) {
      if (style.explode && style.style === 'form') pairs.push(...value.map((entry: Primitive) => `${key}=${item(entry)}`));
      else pairs.push(`${key}=${value.map(item).join(DELIMITERS[style.style] ?? ',')}`);
    } else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, Primitive>);
      if (style.style === 'deepObject') pairs.push(...entries.map(([field, entry]) => `${key}%5B${encode(field)}%5D=${item(entry)}`));
      else if (style.explode) pairs.push(...entries.map(([field, entry]) => `${encode(field)}=${item(entry)}`));
      else pairs.push(`${key}=${entries.map(([field, entry]) => `${encode(field)},${item(entry)}`).join(',')}`);
    } else {
      pairs.push(`${key}=${item(value)}`);
    }
  }
  pairs.push(...encoded);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

const DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: '%20', pipeDelimited: '%7C' };
