import type { CheckContext, Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import type { ApiKind } from '../../document/api-kind.js';
import { isDeploymentValue } from '../../document/cfn-values.js';
import { isRecord } from '../../document/resolve-ref.js';
import { identitySources } from '../../document/identity-sources.js';
import { securitySchemes } from '../../document/security.js';

const TYPES: Record<ApiKind, readonly string[]> = {
  rest: ['token', 'request', 'cognito_user_pools'],
  http: ['request', 'jwt'],
};

const IDENTITY_SOURCE: Record<ApiKind, RegExp> = {
  rest: /^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[^\s,]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/,
  http: /^\$(request\.(header|querystring)\.[^\s,]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/,
};

/** Fields that belong to one authorizer type and kind of API only. */
const ONLY_FOR: Record<string, (type: string, kind: ApiKind) => boolean> = {
  identityValidationExpression: (type) => type === 'token' || type === 'cognito_user_pools',
  providerARNs: (type) => type === 'cognito_user_pools',
  jwtConfiguration: (type) => type === 'jwt',
  authorizerPayloadFormatVersion: (type, kind) => kind === 'http' && type === 'request',
  enableSimpleResponses: (type, kind) => kind === 'http' && type === 'request',
  authorizerUri: (type) => type === 'token' || type === 'request',
};

/**
 * Checks `x-amazon-apigateway-authorizer` objects against what each kind of API accepts.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export const checkAuthorizers: Rule = (context) => {
  let count = 0;
  for (const site of securitySchemes(context.document).values()) {
    const authorizer = site.scheme['x-amazon-apigateway-authorizer'];
    if (!isRecord(authorizer) || typeof authorizer.type !== 'string') continue;
    const pointer = joinPointer(site.pointer, 'x-amazon-apigateway-authorizer');
    const type = authorizer.type.toLowerCase();
    const kind = context.apiKind;
    const label = `Authorizer "${site.name}"`;
    if (!TYPES[kind].includes(type)) {
      if (TYPES.rest.includes(type) || TYPES.http.includes(type)) {
        context.report({
          code: 'APIGW_AUTHORIZER_TYPE',
          pointer: joinPointer(pointer, 'type'),
          message: `${label} has type "${type}", which ${kind === 'http' ? 'HTTP' : 'REST'} APIs do not support (they support ${TYPES[kind].join(', ')}).`,
        });
      }
      continue;
    }
    count++;
    checkSchemeType(context, { label, scheme: site.scheme, pointer: site.pointer, type });
    const missing = requiredFields(type, kind, authorizer, site.scheme).filter((field) => authorizer[field] === undefined);
    for (const field of missing) {
      context.report({ code: 'APIGW_AUTHORIZER_FIELD_MISSING', pointer, message: `${label} (${type}) needs "${field}".` });
    }
    for (const [field, applies] of Object.entries(ONLY_FOR)) {
      if (authorizer[field] === undefined || applies(type, kind)) continue;
      context.report({
        code: 'APIGW_AUTHORIZER_FIELD_NOT_APPLICABLE',
        pointer: joinPointer(pointer, field),
        message: `${label}: "${field}" does not apply to ${type} authorizers of ${kind === 'http' ? 'HTTP' : 'REST'} APIs; it is ignored.`,
      });
    }
    if (authorizer.enableSimpleResponses === true && String(authorizer.authorizerPayloadFormatVersion) !== '2.0' && kind === 'http') {
      context.report({
        code: 'APIGW_AUTHORIZER_FIELD_NOT_APPLICABLE',
        pointer: joinPointer(pointer, 'enableSimpleResponses'),
        message: `${label}: simple responses need authorizerPayloadFormatVersion "2.0".`,
      });
    }
    if (type !== 'cognito_user_pools' && type !== 'token') {
      for (const source of identitySources(authorizer.identitySource)) {
        if (IDENTITY_SOURCE[kind].test(source) || isDeploymentValue(source)) continue;
        const other: ApiKind = kind === 'http' ? 'rest' : 'http';
        context.report({
          code: 'APIGW_IDENTITY_SOURCE',
          pointer: joinPointer(pointer, 'identitySource'),
          message: `${label}: identity source "${source}" is not of the form ${kind === 'http' ? '$request.header.X, $request.querystring.X, $context.X or $stageVariables.X' : 'method.request.header.X, method.request.querystring.X, stageVariables.X or context.X'}.`,
          // Written for the other kind of API: the document's other extensions outweighed it (see decideApiKind).
          ...(IDENTITY_SOURCE[other].test(source)
            ? {
                help: `Rewrite it in the form of ${kind === 'http' ? 'HTTP' : 'REST'} APIs, or pass --api-kind ${other} if this is a ${other === 'http' ? 'HTTP' : 'REST'} API (the form is theirs).`,
              }
            : {}),
        });
      }
    }
  }
  if (context.apiKind === 'rest' && count > 10) {
    context.report({
      code: 'APIGW_TOO_MANY_AUTHORIZERS',
      pointer: '/components/securitySchemes',
      message: `The API defines ${count} authorizers; a REST API has 10 unless the quota is raised.`,
    });
  }
};

function requiredFields(type: string, kind: ApiKind, authorizer: Record<string, unknown>, scheme: Record<string, unknown>): string[] {
  if (type === 'token') return ['authorizerUri'];
  if (type === 'cognito_user_pools') return ['providerARNs'];
  // With an openIdConnect scheme, API Gateway discovers the issuer itself.
  if (type === 'jwt') return scheme.type === 'openIdConnect' ? ['identitySource'] : ['jwtConfiguration', 'identitySource'];
  if (kind === 'http') return ['authorizerUri', 'authorizerPayloadFormatVersion'];
  // REST request authorizers cache by identity source: with caching on (the default), they need one.
  return authorizer.authorizerResultTtlInSeconds === 0 ? ['authorizerUri'] : ['authorizerUri', 'identitySource'];
}

function checkSchemeType(
  context: CheckContext,
  options: { label: string; scheme: Record<string, unknown>; pointer: string; type: string },
): void {
  const allowed = context.apiKind === 'http' && options.type === 'jwt' ? ['oauth2', 'openIdConnect'] : ['apiKey'];
  if (allowed.includes(String(options.scheme.type))) return;
  context.report({
    code: 'APIGW_AUTHORIZER_SCHEME_TYPE',
    pointer: joinPointer(options.pointer, 'type'),
    message: `${options.label} sits on a security scheme of type "${String(options.scheme.type)}"; ${options.type} authorizers need ${allowed.map((type) => `"${type}"`).join(' or ')}.`,
  });
}
