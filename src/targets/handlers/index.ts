import { readFileSync } from 'node:fs';
import { renderTemplate } from '../../emit/handlebars.js';
import { planModelTypes } from '../../emit/model-types.js';
import type { PlannedFile } from '../../emit/write-plan.js';
import type { Target } from '../target.js';
import { planAuthorizerFiles } from './authorizers.js';
import { planFunctionFiles } from './function-files.js';
import { groupByFunction } from '../../model/functions.js';
import { planPackageFiles } from './package-files.js';
import { packageFile } from '../../package-root.js';
import { ValidatorCompiler, type ValidationMode } from './validators.js';

export interface HandlersOptions {
  /**
   * Plan a `package.json` and `tsconfig.json` (as scaffolds) so that the folder builds on its
   * own: when it has no package.json of its own. Default: true.
   */
  packageFiles?: boolean;
  /** The document the model was built from (`loadApi().document`): its schemas are compiled into the routers' validators. */
  document: Record<string, unknown>;
  /** Which operations the routers validate as API Gateway's request validator does (default `document`: as the document's validators say). */
  validation?: ValidationMode;
  /** Operation ids the routers never validate. */
  skipValidation?: readonly string[];
  /** Check each JSON answer against the schema declared for its status, a 500 saying where it does not match (for tests and development). Default: false. */
  responseValidation?: boolean;
}

/**
 * Plans typed Lambda handlers for the operations of an API that invoke Lambda functions: one
 * module per function (generated types and router, scaffolded implementations), a stub per
 * Lambda authorizer, the schema types, and the runtime the routers run on.
 */
export const planHandlers: Target<HandlersOptions> = (model, options) => {
  const { declarations, refName } = planModelTypes(model);
  const validators = new ValidatorCompiler({
    document: options.document,
    model,
    options: {
      mode: options.validation ?? 'document',
      skip: new Set(options.skipValidation ?? []),
      responses: options.responseValidation ?? false,
    },
  });
  const context = { model, schemas: new Map(model.schemas.map((schema) => [schema.typeName, schema])), modelName: refName, validators };
  const functions = groupByFunction(model).map((group) => planFunctionFiles(group, context));
  const formats = functions.some((planned) => planned.formats);
  return [
    ...(options.packageFiles === false ? [] : planPackageFiles(model, { formats })),
    { path: 'src/models.gen.ts', contents: renderTemplate('handlers/models.gen.ts', { declarations }), ownership: 'generated' },
    ...RUNTIME_FILES.map((name): PlannedFile => ({
      path: `src/runtime/${name}`,
      contents: readFileSync(packageFile(`src/runtime/handlers/${name}`), 'utf8'),
      ownership: 'generated',
    })),
    ...functions.flatMap((planned) => planned.files),
    ...planAuthorizerFiles(model),
  ];
};

/** The routers' runtime, copied verbatim (real, tested sources of this repository: src/runtime/handlers). */
const RUNTIME_FILES = [
  'authorizer.ts',
  'middleware.ts',
  'request.ts',
  'responses.ts',
  'result.ts',
  'route-spec.ts',
  'router.ts',
  'types.ts',
  'validation.ts',
];
