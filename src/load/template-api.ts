import { dirname, resolve } from 'node:path';
import { diagnosticCatalog } from '../diagnostics/codes.js';
import { DocumentError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import type { ApiKind } from '../document/api-kind.js';
import { isRecord } from '../document/resolve-ref.js';
import type { SourceFile } from './source-file.js';

/** The OpenAPI definition of the API resource a SAM or CloudFormation template was read for. */
export type TemplateApi = {
  logicalId: string;
  resourceType: string;
  /** The kind of API the resource type makes. */
  kind: ApiKind;
} & (
  | { /** Written in the template, at this pointer. */ pointer: string; value: unknown }
  | {
      /** In a local file the template names (AWS::Include, DefinitionUri), as an absolute path. */
      path: string;
      /** Where the template names it. */
      locationPointer: string;
    }
);

/**
 * Where each API resource type keeps its OpenAPI definition: inline, or in a file.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
 */
const API_TYPES: Readonly<Record<string, { kind: ApiKind; body: string; file: string }>> = {
  'AWS::Serverless::Api': { kind: 'rest', body: 'DefinitionBody', file: 'DefinitionUri' },
  'AWS::Serverless::HttpApi': { kind: 'http', body: 'DefinitionBody', file: 'DefinitionUri' },
  'AWS::ApiGateway::RestApi': { kind: 'rest', body: 'Body', file: 'BodyS3Location' },
  'AWS::ApiGatewayV2::Api': { kind: 'http', body: 'Body', file: 'BodyS3Location' },
};

/** Whether a parsed file is a template rather than an OpenAPI document: a `Resources` map and no version field. */
export function isTemplate(value: unknown): value is Record<string, unknown> & { Resources: Record<string, unknown> } {
  if (!isRecord(value) || 'openapi' in value || 'swagger' in value) return false;
  return isRecord(value.Resources);
}

/**
 * Finds the API resource of a template (the one `logicalId` names when there are several) and
 * where its OpenAPI definition is. Throws a DocumentError saying why when there is none to read.
 */
export function findTemplateApi(template: SourceFile, logicalId: string | undefined): TemplateApi {
  const resources = (template.value as { Resources: Record<string, unknown> }).Resources;
  const apis = Object.entries(resources)
    .filter(([, resource]) => isRecord(resource) && typeof resource.Type === 'string' && resource.Type in API_TYPES)
    .map(([id]) => id);
  const list = apis.map((id) => JSON.stringify(id)).join(', ');
  if (logicalId !== undefined && !apis.includes(logicalId)) {
    const found =
      logicalId in resources ? `${JSON.stringify(logicalId)} is not an API resource` : `it has no resource ${JSON.stringify(logicalId)}`;
    throw templateError(template, `--api ${logicalId}: ${found}; its API resources are ${list || 'none'}.`, '/Resources');
  }
  if (apis.length === 0) {
    throw templateError(
      template,
      `${template.displayPath} is a template without an API resource (AWS::Serverless::Api, AWS::Serverless::HttpApi, AWS::ApiGateway::RestApi or AWS::ApiGatewayV2::Api).${implicitApiNote(resources)}`,
      '/Resources',
    );
  }
  if (logicalId === undefined && apis.length > 1) {
    throw templateError(
      template,
      `${template.displayPath} has ${apis.length} API resources (${list}): choose one with --api <LogicalId>.`,
      '/Resources',
    );
  }
  const id = logicalId ?? apis[0]!;
  const resource = resources[id] as { Type: string; Properties?: unknown };
  const type = API_TYPES[resource.Type]!;
  const properties = isRecord(resource.Properties) ? resource.Properties : {};
  const at = joinPointer('/Resources', id, 'Properties');
  const found = { logicalId: id, resourceType: resource.Type, kind: type.kind };
  const body = properties[type.body];
  if (body !== undefined) {
    const include = includeLocation(body);
    if (include === undefined) return { ...found, pointer: joinPointer(at, type.body), value: body };
    const locationPointer = joinPointer(at, type.body, 'Fn::Transform', 'Parameters', 'Location');
    return { ...found, path: localFile(template, include, locationPointer), locationPointer };
  }
  const file = properties[type.file];
  if (typeof file === 'string') {
    const locationPointer = joinPointer(at, type.file);
    return { ...found, path: localFile(template, file, locationPointer), locationPointer };
  }
  if (file !== undefined) {
    throw templateError(
      template,
      `${id}'s ${type.file} names an S3 object; apigw-gen does not download documents: give a local file (a relative path) or the definition itself in ${type.body}.`,
      joinPointer(at, type.file),
    );
  }
  const samBuilds = resource.Type.startsWith('AWS::Serverless::')
    ? ` SAM builds that API's definition from the Events of its functions when the template is deployed, and apigw-gen needs the OpenAPI definition itself: write it in ${type.body} (or in a file that DefinitionUri or AWS::Include names).`
    : ` apigw-gen needs the OpenAPI definition: write it in ${type.body}.`;
  throw templateError(template, `${id} (${resource.Type}) has no ${type.body}.${samBuilds}`, joinPointer('/Resources', id));
}

/**
 * The `Location` of an `Fn::Transform` that includes a file (`AWS::Include`), which stands for the file's contents.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/create-reusable-transform-function-snippets-and-add-to-your-template-with-aws-include-transform.html
 */
function includeLocation(body: unknown): unknown {
  if (!isRecord(body) || Object.keys(body).length !== 1) return undefined;
  const transform = body['Fn::Transform'];
  if (!isRecord(transform) || transform.Name !== 'AWS::Include') return undefined;
  return isRecord(transform.Parameters) ? transform.Parameters.Location : undefined;
}

/** A local file the template names, relative to the template; S3 and other URLs are refused. */
function localFile(template: SourceFile, location: unknown, pointer: string): string {
  if (typeof location !== 'string' || location === '') {
    throw templateError(template, `The definition's location must be a file path; it is ${JSON.stringify(location)}.`, pointer);
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(location)) {
    throw templateError(
      template,
      `The definition is at ${JSON.stringify(location)}, which is not a local file; apigw-gen does not download documents: copy it beside the template and name it by a relative path.`,
      pointer,
    );
  }
  return resolve(dirname(template.path), location);
}

/** SAM's implicit API (ServerlessRestApi, ServerlessHttpApi): built from function events, never written in the template. */
function implicitApiNote(resources: Record<string, unknown>): string {
  const events = Object.values(resources).some((resource) => {
    if (!isRecord(resource) || resource.Type !== 'AWS::Serverless::Function' || !isRecord(resource.Properties)) return false;
    const functionEvents = resource.Properties.Events;
    return (
      isRecord(functionEvents) &&
      Object.values(functionEvents).some((event) => isRecord(event) && (event.Type === 'Api' || event.Type === 'HttpApi'))
    );
  });
  return events
    ? ' Its functions have Api or HttpApi events: SAM builds that API and its OpenAPI definition when the template is deployed, and apigw-gen needs the definition itself: declare the API resource with a DefinitionBody.'
    : '';
}

/** The APIGW_TEMPLATE_API error at a pointer of the template. */
export function templateError(template: SourceFile, message: string, pointer: string): DocumentError {
  const info = diagnosticCatalog.APIGW_TEMPLATE_API;
  const diagnostic: Diagnostic = {
    code: 'APIGW_TEMPLATE_API',
    severity: info.severity,
    message,
    file: template.displayPath,
    pointer,
    help: info.fix,
  };
  const [position] = template.findPositions([pointer]);
  if (position) Object.assign(diagnostic, position);
  return new DocumentError([diagnostic]);
}
