/**
 * Reading values that CloudFormation will fill in. Documents taken from a template carry
 * intrinsic functions (`{ "Fn::Sub": "arn:${AWS::Partition}:…" }`) and `${…}` variables where
 * strings go; apigw-gen reads them as text with `${…}` placeholders.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */

/** The text a string-valued field will have, with `${…}` for the parts only a deployment knows. */
export function cfnText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ('Fn::Sub' in record) {
    const sub = record['Fn::Sub'];
    return typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  }
  if ('Ref' in record) return '${' + String(record.Ref) + '}';
  if ('Fn::GetAtt' in record) {
    const target = record['Fn::GetAtt'];
    return '${' + (Array.isArray(target) ? target.map(String).join('.') : String(target)) + '}';
  }
  if ('Fn::Join' in record) {
    const join = record['Fn::Join'];
    if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
    return join[1].map((part) => cfnText(part) ?? '${?}').join(join[0]);
  }
  return '${?}';
}

/** True when a value is decided at deployment (an intrinsic function, or a string with `${…}`). */
export function isDeploymentValue(value: unknown): boolean {
  return typeof value === 'object' ? value !== null : typeof value === 'string' && /\$\{[^}]+\}/.test(value);
}

/** Replaces each `${…}` with `X`, so that a pattern can check the fixed parts of a value. */
export function withPlaceholders(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, 'X');
}

/**
 * The value a `Fn::If` stands for where the document must hold an object (a path item, an
 * operation), as SAM writes conditional methods: `{ "Fn::If": [condition, value, { "Ref":
 * "AWS::NoValue" }] }`. The first branch that is an object other than `AWS::NoValue` is taken
 * (`index` is its place in the `Fn::If` list); `value` is undefined when neither is.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if
 */
export function conditionalBranch(
  value: unknown,
): { condition: string; index: number; value: Record<string, unknown> | undefined } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) return undefined;
  const list = (value as Record<string, unknown>)['Fn::If'];
  if (!Array.isArray(list) || list.length !== 3 || typeof list[0] !== 'string') return undefined;
  const index = [1, 2].find((at) => isObjectValue(list[at]));
  return { condition: list[0], index: index ?? -1, value: index === undefined ? undefined : (list[index] as Record<string, unknown>) };
}

function isObjectValue(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return !(Object.keys(record).length === 1 && record.Ref === 'AWS::NoValue');
}
