import { renderTemplate } from '../../emit/handlebars.js';
import { jsDocComment } from '../../emit/layout.js';
import { inlineCode } from '../../emit/markdown.js';
import type { PlannedFile } from '../../emit/write-plan.js';
import type { ApiModel, AuthorizerModel, SecuritySchemeModel } from '../../model/types.js';
import { functionFolder } from '../../model/functions.js';
import { authorizerFileNames, lambdaAuthorizerSchemes } from '../../model/lambda-authorizers.js';

/** The kinds of Lambda authorizer, by the event they receive and the answer API Gateway expects. */
interface AuthorizerVariant {
  /** The handler type of `@types/aws-lambda`. */
  handlerType: string;
  description: string;
  /** The event property naming the resource a policy covers; absent for simple responses. */
  resource?: 'methodArn' | 'routeArn';
}

const VARIANTS = {
  token: { handlerType: 'APIGatewayTokenAuthorizerHandler', description: 'token authorizer', resource: 'methodArn' },
  request: { handlerType: 'APIGatewayRequestAuthorizerHandler', description: 'request authorizer', resource: 'methodArn' },
  simpleV2: {
    handlerType: 'APIGatewayRequestSimpleAuthorizerHandlerV2',
    description: 'request authorizer (payload 2.0, simple responses)',
  },
  policyV2: {
    handlerType: 'APIGatewayRequestIAMAuthorizerHandlerV2',
    description: 'request authorizer (payload 2.0)',
    resource: 'routeArn',
  },
} satisfies Record<string, AuthorizerVariant>;

/**
 * One stub per Lambda authorizer, under `src/authorizers/`, the user's from then on: typed by
 * the event it receives, denying every request until implemented (fail closed).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export function planAuthorizerFiles(model: ApiModel): PlannedFile[] {
  const files = authorizerFileNames(model);
  return lambdaAuthorizerSchemes(model).map((scheme) => {
    const variant = authorizerVariant(model, scheme);
    const arn = variant.resource ? `event.${variant.resource}` : undefined;
    return {
      path: `src/authorizers/${files.get(scheme.name)!}.ts`,
      contents: renderTemplate('handlers/authorizer.ts', {
        handlerType: variant.handlerType,
        policy: arn !== undefined,
        parameters: arn ? 'event' : '',
        result: arn
          ? `buildPolicy({ principalId: 'anonymous', effect: 'Deny', resource: apiArnPattern(${arn}) })`
          : '{ isAuthorized: false }',
        comment: jsDocComment(authorizerDoc(model, scheme, variant), 0),
      }),
      ownership: 'scaffold' as const,
    };
  });
}

function authorizerVariant(model: ApiModel, scheme: SecuritySchemeModel & { authorizer: AuthorizerModel }): AuthorizerVariant {
  if (scheme.kind === 'lambdaToken') return VARIANTS.token;
  // HTTP API authorizers default to payload 2.0, as the console creates them.
  if (model.kind === 'rest' || scheme.authorizer.payloadFormatVersion === '1.0') return VARIANTS.request;
  return scheme.authorizer.enableSimpleResponses ? VARIANTS.simpleV2 : VARIANTS.policyV2;
}

function authorizerDoc(model: ApiModel, scheme: SecuritySchemeModel & { authorizer: AuthorizerModel }, variant: AuthorizerVariant): string {
  const { authorizer } = scheme;
  const fn = authorizer.functionRef ? ` (function ${inlineCode(functionFolder(authorizer.functionRef))})` : '';
  const sources =
    authorizer.identitySource.length > 0 ? `It reads ${authorizer.identitySource.map((source) => inlineCode(source)).join(', ')}.` : '';
  const caching =
    authorizer.resultTtlInSeconds === 0
      ? ''
      : `API Gateway caches the answer per identity${authorizer.resultTtlInSeconds === undefined ? '' : ` for ${authorizer.resultTtlInSeconds} seconds`}, so an allowing policy should cover the whole API: \`apiArnPattern(event.${variant.resource ?? 'methodArn'})\`.`;
  const allow = variant.resource
    ? "To allow a request, return `buildPolicy({ principalId, effect: 'Allow', resource, context })`."
    : 'To allow a request, return `{ isAuthorized: true, context }`.';
  const reach =
    model.kind === 'rest'
      ? 'The operations it guards read `context` in `requestContext.authorizer`, typed from what `handler` returns, its values as strings (as API Gateway passes them): leave the type of `handler` inferred.'
      : 'The operations it guards (payload 2.0) read `context` in `requestContext.authorizer.lambda`, typed from what `handler` returns: leave the type of `handler` inferred.';
  return [
    `The Lambda ${variant.description} of the security scheme ${inlineCode(scheme.name)}${fn}. ${sources}`.trim(),
    `Denies every request until implemented. ${allow} ${reach}`,
    ...(variant.resource ? [caching] : []),
  ]
    .filter(Boolean)
    .join('\n\n');
}
