import type { ApiModel } from '../../model/types.js';
import type { Target } from '../target.js';
import { buildCfnTemplate, type CfnTemplateOptions } from './build-template.js';
import { serializeTemplate } from './serialize-template.js';

export interface CfnOptions extends CfnTemplateOptions {
  /** The template's file name. */
  fileName: string;
  format: 'yaml' | 'json';
  /** Hears what the template leaves to the user (a Lambda function it cannot name, say). */
  onWarning?: (message: string) => void;
}

/** The `cfn` target: one CloudFormation template for the API, its deployment, stages, usage plans and Lambda permissions. */
export const planCfn: Target<CfnOptions> = (model: ApiModel, options: CfnOptions) => {
  const { template, warnings } = buildCfnTemplate(model, options);
  for (const warning of warnings) options.onWarning?.(warning);
  return [{ path: options.fileName, contents: serializeTemplate(template, options.format), ownership: 'generated' }];
};
