import { loadConfig } from '../config/load-config.js';
import { loadApi } from '../pipeline/load-api.js';
import { planCfnTarget } from '../targets/cfn/cfn-target.js';
import { finishTarget, loadOptionsOf, type TargetOptions, type TargetRunResult } from './document-options.js';

export interface CfnOptions extends TargetOptions {
  /**
   * The config file with stages, usage plans and API settings, relative to `cwd`. Default:
   * apigw-gen.config.yaml/.yml/.json/.ts or "apigw-gen" in package.json, found from `cwd` upward; none: the defaults.
   */
  config?: string;
  /** Where the config is looked for. Default: the working directory. */
  cwd?: string;
  /** Template format. Default: json for a .json file, else yaml. */
  format?: 'yaml' | 'json';
  /** Generate even when the document has errors API Gateway would reject; they come back as warnings. */
  lenient?: boolean;
}

/**
 * Writes a CloudFormation template for the API, its deployment, stages and usage plans to the file `out`.
 * @throws ConfigError (a UsageError) listing every problem of the config file.
 * @throws DocumentError when the document has errors that make the template wrong (unless `lenient`).
 * @throws UsageError when `out` is a file apigw-gen did not write.
 */
export async function cfn(options: CfnOptions): Promise<TargetRunResult> {
  const loadedConfig = await loadConfig({
    ...(options.config === undefined ? {} : { path: options.config }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const { endpointType } = loadedConfig.config.api;
  const api = await loadApi(options.document, {
    ...loadOptionsOf(options, 'cfn'),
    ...(endpointType ? { endpointType } : {}),
    lenient: options.lenient ?? false,
  });
  const warnings: string[] = [];
  const plan = planCfnTarget(
    api,
    loadedConfig,
    { document: options.document, out: options.out, ...(options.format ? { format: options.format } : {}) },
    (message) => warnings.push(message),
  );
  return finishTarget(plan, options, { diagnostics: api.diagnostics, warnings });
}
