import { isRecord } from './resolve-ref.js';

/**
 * `${name}` placeholders left for another tool. Documents rendered by Terraform's
 * `templatefile()` (or by a shell or CI script) before import carry variables such as
 * `${lambda_arn}` or `${region}`. Nothing on the AWS side fills them in: API Gateway resolves
 * only its AWS variables (`${AWS::Region}`, …) at import and `${stageVariables.x}` and the like
 * per request, and CloudFormation substitutes only inside `Fn::Sub`. Imported as they are, they
 * stay text, so the API calls a function or trusts a user pool that does not exist.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html
 * @see https://developer.hashicorp.com/terraform/language/functions/templatefile
 */

/** A plain string field of an integration or authorizer, as tokens relative to that object. */
export interface PlaceholderField {
  path: string[];
  text: string;
  /** A mapping template, whose own `${…}` are Velocity references. */
  template: boolean;
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;
// A template variable's name: no dots (`${X.Arn}`, `${stageVariables.x}`) and no colons (`${AWS::Region}`).
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Names that stand for what CloudFormation knows as a pseudo parameter, compared without case, `_` or `-`. */
const PSEUDO_PARAMETERS: Record<string, string> = {
  region: 'AWS::Region',
  awsregion: 'AWS::Region',
  accountid: 'AWS::AccountId',
  awsaccountid: 'AWS::AccountId',
  partition: 'AWS::Partition',
  awspartition: 'AWS::Partition',
};

/**
 * The names of the placeholders for another tool in a plain string, in order, without repeats.
 * In a mapping template, `${x}` is a Velocity reference when the template sets `x`.
 */
export function foreignPlaceholders(text: string, template = false): string[] {
  const declared = template ? velocityVariables(text) : new Set<string>();
  const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => NAME.test(name) && !declared.has(name));
  return [...new Set(names)];
}

/** `AWS::Region` for `${region}`, `${aws_region}`; undefined for names that are no pseudo parameter. */
export function pseudoParameterOf(name: string): string | undefined {
  const key = name.toLowerCase().replace(/[_-]/g, '');
  // Own entries only: `${constructor}` is a variable like any other, not Object.prototype's.
  return Object.hasOwn(PSEUDO_PARAMETERS, key) ? PSEUDO_PARAMETERS[key] : undefined;
}

/** `${name}` alone: the whole value is a placeholder for another tool. */
export function wholePlaceholder(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = /^\$\{([^}]*)\}$/.exec(value)?.[1];
  return name !== undefined && NAME.test(name) ? name : undefined;
}

/**
 * The plain string fields of an `x-amazon-apigateway-integration` where a placeholder names the
 * backend or shapes its request: the uri, credentials, VPC link and the mapping templates.
 */
export function integrationPlaceholderFields(integration: Record<string, unknown>): PlaceholderField[] {
  const fields = ['uri', 'credentials', 'connectionId'].flatMap((key) => plain(integration, key));
  fields.push(...templates(integration.requestTemplates, ['requestTemplates']));
  if (isRecord(integration.responses)) {
    for (const [pattern, response] of Object.entries(integration.responses)) {
      if (isRecord(response)) fields.push(...templates(response.responseTemplates, ['responses', pattern, 'responseTemplates']));
    }
  }
  return fields;
}

/** The plain string fields of an `x-amazon-apigateway-authorizer` that name its function, role, user pools or issuer. */
export function authorizerPlaceholderFields(authorizer: Record<string, unknown>): PlaceholderField[] {
  const fields = ['authorizerUri', 'authorizerCredentials'].flatMap((key) => plain(authorizer, key));
  fields.push(...list(authorizer.providerARNs, ['providerARNs']));
  if (isRecord(authorizer.jwtConfiguration)) {
    fields.push(...plain(authorizer.jwtConfiguration, 'issuer', ['jwtConfiguration']));
    fields.push(...list(authorizer.jwtConfiguration.audience, ['jwtConfiguration', 'audience']));
  }
  return fields;
}

function plain(object: Record<string, unknown>, key: string, prefix: string[] = []): PlaceholderField[] {
  const value = object[key];
  return typeof value === 'string' ? [{ path: [...prefix, key], text: value, template: false }] : [];
}

function list(value: unknown, path: string[]): PlaceholderField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) =>
    typeof item === 'string' ? [{ path: [...path, String(index)], text: item, template: false }] : [],
  );
}

function templates(value: unknown, path: string[]): PlaceholderField[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([contentType, text]) =>
    typeof text === 'string' ? [{ path: [...path, contentType], text, template: true }] : [],
  );
}

/** Variables a Velocity template sets itself (`#set($x = …)`, `#foreach($x in …)`). */
function velocityVariables(text: string): Set<string> {
  return new Set([...text.matchAll(/#(?:set|foreach)\s*\(\s*\$\{?([A-Za-z_][A-Za-z0-9_-]*)/g)].map((match) => match[1]!));
}
