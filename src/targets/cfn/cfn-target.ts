import { basename } from 'node:path';
import { checkConfigForApi } from '../../config/check-config-for-api.js';
import { formatConfigProblem } from '../../config/config-error.js';
import type { LoadedConfig } from '../../config/load-config.js';
import type { LoadedApi } from '../../pipeline/load-api.js';
import { planCfn } from './index.js';
import { isGeneratedTemplate } from './serialize-template.js';
import type { TargetPlan } from '../target-plan.js';

export interface CfnTargetOptions {
  document: string;
  out: string;
  /** Default: json for a .json file, else yaml. */
  format?: 'yaml' | 'json';
}

/** The CloudFormation template of the API with the config's stages and usage plans. `warn` hears what was left out. */
export function planCfnTarget(
  api: LoadedApi,
  config: LoadedConfig,
  options: CfnTargetOptions,
  warn: (message: string) => void,
): TargetPlan {
  for (const problem of checkConfigForApi(config, api.model)) warn(formatConfigProblem(problem));
  const [file] = planCfn(api.model, {
    document: api.document,
    config: config.config,
    documentName: basename(options.document),
    fileName: basename(options.out),
    format: options.format ?? (options.out.toLowerCase().endsWith('.json') ? 'json' : 'yaml'),
    onWarning: warn,
  });
  return {
    output: { kind: 'file', out: options.out, contents: file!.contents, isGenerated: isGeneratedTemplate },
    report: (result, out) => [`${out}: ${result.written.length > 0 ? 'written' : 'unchanged'}`],
  };
}
