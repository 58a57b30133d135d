import type { ApiModel } from '../model/types.js';
import type { ApigwGenConfig, StageConfig } from './types.js';

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const EXECUTE_API_HOST = /^https?:\/\/[^/]*\.execute-api\.[^/]*\.amazonaws\.com(\.cn)?(\/|$)/;

/** The stages of the API: the config's, else one named after the document's servers (or `prod`). */
export function apiStages(config: ApigwGenConfig, model: ApiModel): StageConfig[] {
  if (config.stages.length > 0) return config.stages;
  return [{ name: defaultStageName(model), variables: {}, methodSettings: [] }];
}

/**
 * The stage a document's first server names: its `basePath` or `stage` variable, else the first
 * path segment of an `execute-api` URL (or of a relative URL such as `/Prod`); `prod` when none
 * is a valid stage name.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
 */
export function defaultStageName(model: ApiModel): string {
  const server = model.servers[0];
  if (!server) return 'prod';
  const variable = server.variables.find((candidate) => candidate.name === 'basePath' || candidate.name === 'stage');
  const fromVariable = variable?.default.replace(/^\/+/, '').split('/')[0];
  if (fromVariable && STAGE_NAME.test(fromVariable)) return fromVariable;
  if (variable) return 'prod';
  const path = EXECUTE_API_HOST.test(server.url)
    ? server.url.replace(EXECUTE_API_HOST, '')
    : server.url.startsWith('/')
      ? server.url.slice(1)
      : '';
  const segment = path.split('/')[0] ?? '';
  return STAGE_NAME.test(segment) ? segment : 'prod';
}
