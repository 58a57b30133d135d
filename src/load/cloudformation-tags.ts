import jsYaml from 'js-yaml';

/**
 * CloudFormation's YAML short forms (`!Ref X`, `!Sub '...'`, `!GetAtt A.Arn`), read as the long
 * forms (`{ Ref: X }`, `{ 'Fn::Sub': '...' }`, `{ 'Fn::GetAtt': ['A', 'Arn'] }`) that documents
 * taken out of a template carry in JSON.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
] as const;

type Kind = 'scalar' | 'sequence' | 'mapping';
const KINDS: readonly Kind[] = ['scalar', 'sequence', 'mapping'];

function tagTypes(tag: string, construct: (data: unknown) => unknown): jsYaml.Type[] {
  return KINDS.map((kind) => new jsYaml.Type(`!${tag}`, { kind, construct: (data: unknown) => construct(data) }));
}

function getAtt(data: unknown): unknown {
  // `!GetAtt Fn.Arn` is the short form of `['Fn', 'Arn']`; the attribute may itself contain dots.
  if (typeof data !== 'string') return { 'Fn::GetAtt': data };
  const dot = data.indexOf('.');
  return { 'Fn::GetAtt': dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
}

const cloudFormationTypes: jsYaml.Type[] = [
  ...tagTypes('Ref', (data) => ({ Ref: data })),
  ...tagTypes('Condition', (data) => ({ Condition: data })),
  ...tagTypes('GetAtt', getAtt),
  ...FUNCTIONS.flatMap((name) => tagTypes(name, (data) => ({ [`Fn::${name}`]: data }))),
];

/**
 * YAML 1.2 core schema (no timestamps: `2024-01-01` stays a string, as OpenAPI expects), merge
 * keys, and the CloudFormation tags.
 */
export const yamlSchema = jsYaml.CORE_SCHEMA.extend({
  // js-yaml exports its built-in types at runtime; @types/js-yaml does not declare them.
  implicit: [(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge],
  explicit: cloudFormationTypes,
});
