import { atom, printInterface, printTypeAlias, propertyKey, type TypeMember } from '../../emit/layout.js';
import type { ApiModel, CredentialModel, OperationModel, ParameterModel, SecuritySchemeModel } from '../../model/types.js';
import type { CredentialScheme } from '../../runtime/credential-auth.js';
import type { IdentityScheme } from '../../runtime/identity-auth.js';

/** The security schemes an operation accepts, by name: alternatives (any one suffices) of schemes that must all pass. */
export function operationAuth(model: ApiModel, operation: OperationModel): string[][] {
  const alternatives = operation.security.map((requirement) => requirement.schemes.map((scheme) => scheme.name));
  if (!model.apiGateway) return dedupe(alternatives);
  // API Gateway gives a method one authorizer and an "API key required" flag, whichever requirement
  // names the key (SAM writes `[{Authorizer: []}, {api_key: []}]` for both): every alternative needs it.
  const keys = new Set(
    operation.security.flatMap((requirement) =>
      requirement.schemes.filter((scheme) => scheme.kind === 'apiKey').map((scheme) => scheme.name),
    ),
  );
  if (keys.size === 0) return dedupe(alternatives);
  const others = alternatives.map((names) => names.filter((name) => !keys.has(name))).filter((names) => names.length > 0);
  return dedupe((others.length > 0 ? others : [[]]).map((names) => [...names, ...keys].sort()));
}

function dedupe(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((names) => {
    const key = JSON.stringify(names);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The schemes of the document that operations use, in name order. */
function usedSchemes(model: ApiModel): SecuritySchemeModel[] {
  const used = new Set(model.operations.flatMap((operation) => operation.security.flatMap((r) => r.schemes.map((scheme) => scheme.name))));
  return model.securitySchemes.filter((scheme) => used.has(scheme.name));
}

/** True when the caller gives the scheme's credential in the `auth` client option. */
export function takesClientCredential(credential: CredentialModel): boolean {
  return credential.kind === 'secret' || credential.kind === 'basic';
}

/** What the client file declares for authentication: the `ClientAuth` type (operation specs carry how each scheme is sent). */
export interface AuthView {
  /** `export interface ClientAuth { … }`. */
  clientAuth: string;
  /** Runtime types the declarations use. */
  runtimeTypes: string[];
}

/** The `ClientAuth` interface: one optional member per scheme whose credential the caller gives. */
export function planAuth(model: ApiModel): AuthView {
  const used = usedSchemes(model);
  const members: TypeMember[] = used
    .filter((scheme) => takesClientCredential(scheme.credential))
    .map((scheme) => ({
      key: propertyKey(scheme.name),
      optional: true,
      type: atom(scheme.credential.kind === 'basic' ? 'BasicCredentials' : 'TokenProvider'),
      doc: `\`${scheme.name}\`: ${credentialText(scheme)}`,
    }));
  const doc = 'Credentials by security scheme (the `auth` client option): each is sent only to the operations that scheme guards.';
  const clientAuth =
    members.length > 0
      ? printInterface('ClientAuth', members, doc)
      : printTypeAlias('ClientAuth', { kind: 'generic', name: 'Record', args: [atom('string'), atom('never')] }, doc);
  const runtimeTypes = [
    ...(members.some((member) => member.type.kind === 'atom' && member.type.text === 'BasicCredentials') ? ['BasicCredentials'] : []),
    ...(members.some((member) => member.type.kind === 'atom' && member.type.text === 'TokenProvider') ? ['TokenProvider'] : []),
  ];
  return { clientAuth, runtimeTypes };
}

/** A value of a runtime file an operation's spec names: `[file, export]`. */
export type RuntimeHelper = readonly [file: string, name: string];

/**
 * How the runtime sends a scheme's credential: the kind of credential that sends it (a runtime
 * file of its own, so that programs bundle only the kinds they call) and the details that kind
 * reads; no kind when there is nothing to send, `unsupported` when the client cannot send it.
 */
export interface RuntimeScheme {
  kind?: RuntimeHelper;
  details: Omit<CredentialScheme, 'scheme' | 'kind'> | Omit<IdentityScheme, 'scheme' | 'kind'> | { unsupported?: true };
}

/** The kind and details of a scheme, as an operation's spec carries them. */
export function runtimeScheme(scheme: SecuritySchemeModel): RuntimeScheme {
  const credential = scheme.credential;
  const credentialAuth: RuntimeHelper = ['credential-auth.js', 'credentialAuth'];
  switch (credential.kind) {
    case 'secret': {
      const fallback = scheme.kind === 'apiKey' ? 'apiKey' : ['cognito', 'jwt', 'lambdaToken'].includes(scheme.kind) ? 'token' : undefined;
      return {
        kind: credentialAuth,
        details: {
          in: credential.in,
          name: credential.name,
          ...(credential.prefix ? { prefix: credential.prefix } : {}),
          ...(fallback ? { fallback } : {}),
        },
      };
    }
    case 'basic':
      return { kind: credentialAuth, details: { in: 'header', name: 'Authorization', prefix: 'Basic ' } };
    case 'identity':
      return {
        kind: ['identity-auth.js', 'identityAuth'],
        details: {
          headers: credential.inputs.filter((input) => input.in === 'header').map((input) => input.name),
          query: credential.inputs.filter((input) => input.in === 'query').map((input) => input.name),
        },
      };
    case 'iam':
      return { kind: ['iam-auth.js', 'iamAuth'], details: {} };
    case 'fromAuthorizer':
      return { details: {} };
    case 'unsupported':
      return { details: { unsupported: true } };
  }
}

/**
 * What a scheme's credential is and where the client sends it, in words: for doc comments, and
 * for the README with `code` making safe Markdown code spans of the document's names.
 */
export function credentialText(scheme: SecuritySchemeModel, code: (text: string) => string = (text) => `\`${text}\``): string {
  const credential = scheme.credential;
  const what: Record<string, string> = {
    apiKey: 'API Gateway API key',
    cognito: 'Cognito user pool token',
    jwt: 'JWT',
    lambdaToken: 'Lambda authorizer token',
  };
  switch (credential.kind) {
    case 'secret': {
      const label =
        what[scheme.kind] ??
        (credential.prefix
          ? scheme.type === 'http'
            ? 'bearer token'
            : `${scheme.type === 'oauth2' ? 'OAuth 2.0' : 'OpenID Connect'} access token`
          : 'API key');
      const place = { header: 'header', query: 'query parameter', cookie: 'cookie' }[credential.in];
      if (credential.prefix) return `${label}, sent in the ${code(credential.name)} ${place} as ${code(`${credential.prefix}<token>`)}.`;
      return `${label}, sent as the ${code(credential.name)} ${place}.`;
    }
    case 'basic':
      return `user name and password, sent as HTTP Basic authentication (${code('Authorization: Basic …')}).`;
    case 'identity':
      return 'Lambda request authorizer: its identity sources are parameters of the operations it guards.';
    case 'iam':
      return 'AWS IAM: requests are signed with SigV4.';
    case 'fromAuthorizer':
      return `API key that API Gateway takes from the Lambda authorizer's ${code('usageIdentifierKey')}: nothing to send.`;
    case 'unsupported':
      return 'not sent by the client.';
  }
}

/** A request parameter the client adds to an operation: an identity source of a Lambda REQUEST authorizer guarding it. */
interface IdentityParameter {
  in: 'header' | 'query';
  name: string;
  /** Required when every alternative of the operation's security needs the authorizer. */
  required: boolean;
  scheme: SecuritySchemeModel;
}

/**
 * The identity sources of the Lambda REQUEST authorizers guarding an operation, as parameters:
 * API Gateway answers 401 without calling the authorizer when one is missing or empty.
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
 */
function identityParameters(model: ApiModel, operation: OperationModel): IdentityParameter[] {
  const schemes = new Map(model.securitySchemes.map((scheme) => [scheme.name, scheme]));
  const alternatives = operationAuth(model, operation);
  const found = new Map<string, IdentityParameter>();
  for (const name of new Set(alternatives.flat())) {
    const scheme = schemes.get(name);
    if (scheme?.credential.kind !== 'identity') continue;
    const required = alternatives.every((names) => names.includes(name));
    for (const input of scheme.credential.inputs) {
      const key = `${input.in}:${input.in === 'header' ? input.name.toLowerCase() : input.name}`;
      const known = found.get(key);
      if (known) known.required ||= required;
      else found.set(key, { ...input, required, scheme });
    }
  }
  return [...found.values()];
}

/** Query and header parameters as the client takes them: the operation's own, plus the identity sources of its Lambda REQUEST authorizers. */
export interface ClientParameters {
  query: ParameterModel[];
  header: ParameterModel[];
}

/**
 * The operation's query and header parameters with its authorizers' identity sources merged in:
 * a declared parameter an authorizer reads becomes required; an undeclared one is added as a string.
 */
export function clientParameters(model: ApiModel, operation: OperationModel): ClientParameters {
  const identity = identityParameters(model, operation);
  if (identity.length === 0) return { query: operation.parameters.query, header: operation.parameters.header };
  const merge = (at: 'query' | 'header', declared: readonly ParameterModel[]): ParameterModel[] => {
    const same = (parameter: ParameterModel, source: IdentityParameter) =>
      at === 'header' ? parameter.name.toLowerCase() === source.name.toLowerCase() : parameter.name === source.name;
    const sources = identity.filter((source) => source.in === at);
    const merged = declared.map((parameter) => {
      const source = sources.find((candidate) => same(parameter, candidate));
      return source?.required && !parameter.required ? { ...parameter, required: true } : parameter;
    });
    const added = sources
      .filter((source) => !declared.some((parameter) => same(parameter, source)))
      .map((source): ParameterModel => identityParameterModel(source));
    return [...merged, ...added];
  };
  return { query: merge('query', operation.parameters.query), header: merge('header', operation.parameters.header) };
}

function identityParameterModel(source: IdentityParameter): ParameterModel {
  return {
    name: source.name,
    identifier: source.name,
    in: source.in,
    required: source.required,
    style: source.in === 'query' ? 'form' : 'simple',
    explode: source.in === 'query',
    allowReserved: false,
    greedy: false,
    schema: { kind: 'string', nullable: false, deprecated: false, readOnly: false, writeOnly: false, constraints: {}, pointer: '' },
    description: `Read by the Lambda authorizer "${source.scheme.name}": API Gateway answers 401 without it.`,
    deprecated: false,
    pointer: source.scheme.authorizer?.pointer ?? source.scheme.pointer,
  };
}
