/**
 * apigw-gen's programmatic API. The CLI is a client of these functions.
 *
 * @example
 * ```ts
 * import { generate, validate } from 'apigw-gen';
 * const result = await validate('openapi.yaml');
 * for (const d of result.diagnostics) console.log(d.code, d.file, d.line, d.message);
 * const run = await generate({ check: true }); // every target of apigw-gen.config.yaml
 * if (run.stale.length > 0) console.log('stale:', run.stale);
 * ```
 */
export { validate, type ValidateResult } from './pipeline/validate.js';
export type { ValidateOptions } from './pipeline/check-document.js';
export { sdk, type SdkOptions } from './library/sdk.js';
export { handlers, type HandlersOptions } from './library/handlers.js';
export type { ValidationMode } from './targets/handlers/validators.js';
export { mock, type MockOptions } from './library/mock.js';
export { cfn, type CfnOptions } from './library/cfn.js';
export { serve, type LocalServer, type ServeOptions } from './library/serve.js';
export { inspect, type InspectOptions, type InspectResult } from './library/inspect.js';
export type { DocumentOptions, TargetOptions, TargetRunResult } from './library/document-options.js';
export { apiFor, checkApi, loadApi, type CheckedApi, type LoadApiOptions, type LoadedApi } from './pipeline/load-api.js';
export { generate } from './generate/generate.js';
export type { GenerateOptions, GenerateResult, TargetResult } from './generate/generate-types.js';
export type { ConfigFile, ConfigFileStage, ConfigFileUsagePlan, TargetConfig } from './config/types.js';
export { defineConfig } from './config/define-config.js';
export type { PlannedFile, WriteResult } from './emit/write-plan.js';
export { DocumentError, UsageError } from './diagnostics/diagnostic.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export { diagnosticCatalog, OUTPUTS, type DiagnosticCode, type Output, type Severity } from './diagnostics/codes.js';
export type { ApiKind, ApiKindDecision } from './document/api-kind.js';
export type * from './model/types.js';
