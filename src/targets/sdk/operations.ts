import { jsDocComment, propertyKey, typeExpression, type TypeOptions } from '../../emit/type-expressions.js';
import { assignUniqueNames } from '../../model/names.js';
import type { ApiModel, MediaTypeModel, OperationModel, ParameterModel } from '../../model/types.js';
import type { OperationSpec } from '../../runtime/client.js';

/** What the client template needs for one operation: names, TypeScript types and the request spec, all precomputed. */
export interface OperationView {
  name: string;
  paramsType: string;
  /** The body of the params interface: `{ path: { id: string }; … }`. */
  paramsBody: string;
  /** True when every member of the params object is optional. */
  paramsOptional: boolean;
  result: string;
  doc: string;
  /** The OperationSpec, as a JSON literal. */
  spec: string;
}

const RESERVED_NAMES = ['ApiClientCore', 'ApiError', 'CallOptions', 'ClientOptions', 'OperationParams', 'Models'];

/** The operations of an API as the client template renders them. */
export function planOperations(model: ApiModel, options: { className: string; types: TypeOptions['refName'] }): OperationView[] {
  const paramsNames = assignUniqueNames(
    model.operations.map((operation) => ({ key: operation.pointer, identifier: `${operation.typeName}Params` })),
    [...RESERVED_NAMES, options.className],
  );
  const refName: NonNullable<TypeOptions['refName']> = (typeName, direction) =>
    `Models.${options.types?.(typeName, direction) ?? typeName}`;
  return model.operations.map((operation) => {
    const groups = paramsGroups(operation, refName);
    return {
      name: operation.name,
      paramsType: paramsNames.get(operation.pointer)!,
      paramsBody: `{ ${groups.map((group) => group.member).join(' ')} }`,
      paramsOptional: groups.every((group) => group.optional),
      result: resultType(operation, refName),
      doc: operationDoc(operation),
      spec: JSON.stringify(operationSpec(operation)),
    };
  });
}

function paramsGroups(operation: OperationModel, refName: NonNullable<TypeOptions['refName']>): { member: string; optional: boolean }[] {
  const request = { direction: 'request' as const, refName };
  const group = (key: string, parameters: readonly ParameterModel[]) => {
    if (parameters.length === 0) return [];
    const optional = !parameters.some((parameter) => parameter.required);
    const fields = parameters.map((parameter) => {
      const doc = parameter.description ? `${jsDocComment(parameter.description)} ` : '';
      return `${doc}${propertyKey(parameter.name)}${parameter.required ? '' : '?'}: ${typeExpression(parameter.schema, request)};`;
    });
    return [{ member: `${key}${optional ? '?' : ''}: { ${fields.join(' ')} };`, optional }];
  };
  const groups = [
    ...group('path', operation.parameters.path),
    ...group('query', operation.parameters.query),
    ...group('headers', operation.parameters.header),
  ];
  const body = operation.requestBody ? preferredMedia(operation.requestBody.content) : undefined;
  if (operation.requestBody && body) {
    const optional = !operation.requestBody.required;
    groups.push({ member: `body${optional ? '?' : ''}: ${mediaType(body, request)};`, optional });
  }
  return groups;
}

function resultType(operation: OperationModel, refName: NonNullable<TypeOptions['refName']>): string {
  const success = operation.responses.find((response) => /^2/.test(response.status));
  const media = success ? preferredMedia(success.content) : undefined;
  return media ? mediaType(media, { direction: 'response', refName }) : 'void';
}

function mediaType(media: MediaTypeModel, options: TypeOptions): string {
  if (media.binary) return options.direction === 'request' ? 'Blob | ArrayBuffer | Uint8Array' : 'Blob';
  if (media.mediaType.startsWith('text/')) return 'string';
  return media.schema ? typeExpression(media.schema, options) : 'unknown';
}

/** JSON when the operation offers it, else the first media type. */
function preferredMedia(content: readonly MediaTypeModel[]): MediaTypeModel | undefined {
  return content.find((media) => /[/+]json\b/.test(media.mediaType)) ?? content[0];
}

function operationSpec(operation: OperationModel): OperationSpec {
  const body = operation.requestBody ? preferredMedia(operation.requestBody.content) : undefined;
  return {
    method: operation.method === 'ANY' ? 'POST' : operation.method,
    path: operation.path,
    query: operation.parameters.query.map((parameter) => ({
      name: parameter.name,
      style: { style: parameter.style, explode: parameter.explode, ...(parameter.allowReserved ? { allowReserved: true } : {}) },
    })),
    auth: operation.security.map((requirement) =>
      requirement.schemes.flatMap((scheme) =>
        scheme.kind === 'apiKey'
          ? ['apiKey' as const]
          : scheme.kind === 'iam'
            ? ['iam' as const]
            : ['cognito', 'jwt', 'lambdaToken', 'lambdaRequest'].includes(scheme.kind)
              ? ['token' as const]
              : [],
      ),
    ),
    ...(body ? { bodyMediaType: body.mediaType } : {}),
  };
}

function operationDoc(operation: OperationModel): string {
  const text = [operation.summary, operation.description].filter(Boolean).join('\n\n') || `${operation.method} ${operation.path}`;
  return jsDocComment(`${text}${operation.deprecated ? '\n\n@deprecated' : ''}`);
}
