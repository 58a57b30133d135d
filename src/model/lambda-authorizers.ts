import { kebabCase } from './functions.js';
import { assignUniqueNames } from './names.js';
import type { ApiModel, AuthorizerModel, SecuritySchemeModel } from './types.js';

/** The security schemes with a Lambda authorizer, in the model's order. */
export function lambdaAuthorizerSchemes(model: ApiModel): (SecuritySchemeModel & { authorizer: AuthorizerModel })[] {
  return model.securitySchemes.filter(
    (scheme): scheme is SecuritySchemeModel & { authorizer: AuthorizerModel } =>
      (scheme.kind === 'lambdaToken' || scheme.kind === 'lambdaRequest') && scheme.authorizer !== undefined,
  );
}

/** Each Lambda authorizer's file name (without extension) under `src/authorizers/` (and, built, `dist/authorizers/`), by scheme name. */
export function authorizerFileNames(model: ApiModel): Map<string, string> {
  return assignUniqueNames(
    lambdaAuthorizerSchemes(model).map((scheme) => ({ key: scheme.name, identifier: kebabCase(scheme.name) || 'authorizer' })),
  );
}
