import { getAtPointer, joinPointer } from '../../diagnostics/json-pointer.js';
import { wholePlaceholder } from '../../document/placeholders.js';
import type { ApiModel } from '../../model/types.js';
import type { PlaceholderFunction } from './body-references.js';
import { intrinsicName, ref, sub, subParts, type CfnString, type CfnValue, type PermissionResource } from './template.js';

/**
 * One `AWS::Lambda::Permission` per Lambda function the API invokes (integrations and
 * authorizers alike), allowing API Gateway to call it from this API only. A function named
 * through stage variables is a different function per stage: each gets its permission.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */

/** Where a Lambda function is named: an integration's `uri` or an authorizer's `authorizerUri`. */
export interface FunctionSite {
  pointer: string;
  /** `operationId (METHOD /path)` or `authorizer NAME`, for messages. */
  label: string;
  /** The function's ARN as the model read it, with `${…}` placeholders. */
  arn?: string;
}

/** The stage variables a stage (or its canary) resolves function names with. */
export interface StageVariables {
  stage: string;
  variables: Record<string, string>;
}

export interface PlannedPermission {
  /** A name for the logical id: the function's logical id or name, with its qualifier. */
  name: string;
  resource: PermissionResource;
}

// ARN parts may be `${AWS::Region}`-style variables, which contain colons.
const PART = '(?:\\$\\{[^}]*\\}|[^:])';
const INVOCATION = new RegExp(`^arn:${PART}+:apigateway:${PART}*:lambda:path/[^/]+/functions/(.+)/(?:response-streaming-)?invocations$`);
const STAGE_VARIABLE = /\$\{!?stageVariables\.([A-Za-z0-9_]+)\}/g;

/** Every place the model found a Lambda function, as pointers into the document. */
export function functionSites(model: ApiModel): FunctionSite[] {
  const sites: FunctionSite[] = [];
  for (const operation of model.operations) {
    const ref = operation.integration?.functionRef;
    if (ref) sites.push({ pointer: joinPointer(operation.integration!.pointer, 'uri'), label: operation.label, ...arnOf(ref.arn) });
  }
  for (const scheme of model.securitySchemes) {
    const ref = scheme.authorizer?.functionRef;
    if (ref) {
      sites.push({
        pointer: joinPointer(scheme.authorizer!.pointer, 'authorizerUri'),
        label: `authorizer ${scheme.name}`,
        ...arnOf(ref.arn),
      });
    }
  }
  return sites;
}

function arnOf(arn: string | undefined): { arn?: string } {
  return arn === undefined ? {} : { arn };
}

/**
 * The placeholders for another tool that name Lambda functions in the document: a whole uri
 * (`${lambda_invoke_arn}`) holds the invocation URI, a placeholder inside one
 * (`…/functions/${lambda_arn}/invocations`) the function's ARN.
 */
export function placeholderFunctions(document: Record<string, unknown>, sites: readonly FunctionSite[]): Map<string, PlaceholderFunction> {
  const functions = new Map<string, PlaceholderFunction>();
  for (const site of sites) {
    const written = getAtPointer(document, site.pointer);
    if (typeof written !== 'string') continue;
    const whole = wholePlaceholder(written);
    const inner = wholePlaceholder(site.arn);
    if (whole !== undefined) functions.set(whole, 'invocationUri');
    else if (inner !== undefined) functions.set(inner, 'arn');
  }
  return functions;
}

/**
 * The permissions for the functions at `sites` of the (rewritten) body, one per distinct
 * function, and a warning for each function a template cannot name.
 */
export function planLambdaPermissions(options: {
  body: Record<string, unknown>;
  sites: readonly FunctionSite[];
  stages: readonly StageVariables[];
  sourceArn: CfnString;
  /** Parameters that hold a function's invocation URI: the permission names the function ARN inside it. */
  invocationParameters?: readonly string[];
}): { permissions: PlannedPermission[]; warnings: string[] } {
  const byFunction = new Map<string, PlannedPermission>();
  const warnings: string[] = [];
  for (const site of options.sites) {
    const found = functionArn(getAtPointer(options.body, site.pointer));
    if (!found) {
      warnings.push(
        `${site.label}: the Lambda function at ${site.pointer} is not named in a way CloudFormation can resolve; grant API Gateway permission to invoke it yourself`,
      );
      continue;
    }
    for (const functionName of perStage(found, options.stages, options.invocationParameters ?? [])) {
      if (functionName.invalid) {
        warnings.push(
          `${site.label}: ${functionName.invalid} is not a Lambda function ARN (a placeholder account or region?); no permission is granted for it`,
        );
        continue;
      }
      const key = JSON.stringify(functionName.value);
      if (byFunction.has(key)) continue;
      byFunction.set(key, {
        name: functionName.name,
        resource: {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Action: 'lambda:InvokeFunction',
            FunctionName: functionName.value,
            Principal: 'apigateway.amazonaws.com',
            SourceArn: options.sourceArn,
          },
        },
      });
    }
  }
  return { permissions: [...byFunction.values()], warnings };
}

/** A function's ARN as text with `${…}` (and the `Fn::Sub` variables it needs), or a value to use as it is. */
type FoundArn = { text: string; variables: Record<string, CfnValue>; substituted: boolean } | { value: CfnValue; name: string };

function functionArn(uri: unknown): FoundArn | undefined {
  if (typeof uri === 'string') {
    const text = extract(uri);
    // Outside Fn::Sub only API Gateway's own variables are filled in: `${AWS::…}` at import, stage variables per call.
    const unresolved = [...text.matchAll(/\$\{([^}]*)\}/g)].some(
      ([, name]) => !name!.startsWith('AWS::') && !name!.startsWith('stageVariables.'),
    );
    return text === '' || unresolved ? undefined : { text, variables: {}, substituted: false };
  }
  switch (intrinsicName(uri)) {
    case 'Fn::Sub': {
      const argument = (uri as { 'Fn::Sub': unknown })['Fn::Sub'];
      const { text, declared } = subParts(argument);
      if (typeof text !== 'string') return undefined;
      const arn = extract(text);
      if (arn === '') return undefined;
      const variables = Object.fromEntries(
        Object.entries((declared ?? {}) as Record<string, CfnValue>).filter(([name]) => arn.includes('${' + name + '}')),
      );
      return { text: arn, variables, substituted: true };
    }
    case 'Ref':
      return { value: uri as CfnValue, name: (uri as { Ref: string }).Ref };
    case 'Fn::ImportValue':
      return { value: uri as CfnValue, name: String((uri as { 'Fn::ImportValue': unknown })['Fn::ImportValue']) };
    default:
      return undefined;
  }
}

/** The function ARN inside an invocation URI, or the URI itself when it is a function ARN; '' when it is neither. */
function extract(uri: string): string {
  const invocation = INVOCATION.exec(uri)?.[1];
  if (invocation !== undefined) return invocation;
  return /^arn:[^:]+:lambda:/.test(uri) || /^\$\{[^}]+\}$/.test(uri) ? uri : '';
}

/** The function a found ARN names in each stage: one unless stage variables pick it. */
function perStage(
  found: FoundArn,
  stages: readonly StageVariables[],
  invocationParameters: readonly string[],
): { value: CfnString; name: string; invalid?: string }[] {
  if ('value' in found) return [{ value: found.value as CfnString, name: found.name }];
  const variants = /\$\{!?stageVariables\./.test(found.text) ? stages.map((stage) => fill(found.text, stage.variables)) : [found.text];
  return [...new Set(variants)].map((text) => {
    const parameter = /^\$\{([A-Za-z0-9]+)\}$/.exec(text)?.[1];
    const placeholders = /\$\{[^}]*\}/.test(text);
    // `${X}` alone is X itself: a parameter, or the value a Fn::Sub variable stands for.
    const value =
      parameter === undefined
        ? placeholders || Object.keys(found.variables).length > 0
          ? sub(text, found.variables)
          : text
        : invocationParameters.includes(parameter)
          ? functionOfInvocation(ref(parameter))
          : ((found.variables[parameter] as CfnString | undefined) ?? ref(parameter));
    return { value, name: permissionName(text), ...(isFunctionArn(text) ? {} : { invalid: text }) };
  });
}

/**
 * False for an ARN that cannot name a function, once `${AWS::…}` are filled in: the account
 * placeholders of documentation samples (`account-id`, `XXXXXXXXXXXX`). ARNs with other
 * variables are taken as they are.
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html
 */
function isFunctionArn(text: string): boolean {
  const filled = text
    .replaceAll('${AWS::Partition}', 'aws')
    .replaceAll('${AWS::Region}', 'us-east-1')
    .replaceAll('${AWS::AccountId}', '123456789012');
  if (filled.includes('${') || !filled.startsWith('arn:')) return true;
  return /^arn:aws[a-zA-Z-]*:lambda:[a-z]{2}((-gov)|(-iso[a-z]?))?-[a-z]+-\d:\d{12}:function:[a-zA-Z0-9_-]+(:(\$LATEST|[a-zA-Z0-9_-]+))?$/.test(
    filled,
  );
}

/** The function ARN between `/functions/` and `/invocations` of an invocation URI, cut out by CloudFormation. */
function functionOfInvocation(uri: CfnString): CfnString {
  const afterFunctions = { 'Fn::Select': [1, { 'Fn::Split': ['/functions/', uri] }] } as const;
  return { 'Fn::Select': [0, { 'Fn::Split': ['/invocations', afterFunctions] }] } as CfnString;
}

function fill(text: string, variables: Record<string, string>): string {
  return text.replace(STAGE_VARIABLE, (_whole, name: string) => variables[name] ?? '');
}

/** `arn:…:function:catalog:live` → `catalog live`; `${ItemsFunctionArn}` → `ItemsFunction`. */
function permissionName(arn: string): string {
  const parameter = /^\$\{([A-Za-z0-9]+?)(Arn)?\}(.*)$/.exec(arn);
  if (parameter) return `${parameter[1]} ${parameter[3]}`;
  const functionPart = /:function:(.*)$/.exec(arn)?.[1] ?? arn;
  return functionPart.replace(/\$\{[^}]*\}/g, ' ');
}
