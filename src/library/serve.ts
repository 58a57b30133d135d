import { resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ApiModel } from '../model/types.js';
import { loadApi } from '../pipeline/load-api.js';
import { LocalGateway } from '../serve/gateway.js';
import { LambdaHandlers } from '../serve/lambda-proxy.js';
import { servedStage } from '../serve/serve-config.js';
import { startServer } from '../serve/server.js';
import type { DocumentOptions } from './document-options.js';

export interface ServeOptions extends DocumentOptions {
  /** Port to listen on. Default: 0, any free port (`url` tells which). */
  port?: number;
  /** Address to listen on. Default: 127.0.0.1. */
  host?: string;
  /** The config file (stages, usage plans, `serve` settings), relative to `cwd`. Default: the one found from `cwd` upward; none: the defaults. */
  config?: string;
  /** Where the config is looked for. Default: the working directory. */
  cwd?: string;
  /** The config's stage to serve (its variables, throttles and usage plans). Default: the config's first. */
  stage?: string;
  /** Folder of built `apigw-gen handlers` output: Lambda proxy integrations and Lambda authorizers run from it, in worker threads. */
  handlers?: string;
  /** Check JWT signatures of Cognito and JWT authorizers (false: accept unsigned test tokens). Default: the config's `serve.verifyTokens`, else true. */
  verifyTokens?: boolean;
  /** Hears the request log: a line per request (method, path, status, what answered, milliseconds), each ending in a newline, several lines a call under load. */
  onRequestLog?: (text: string) => void;
  /** Hears what the gateway cannot do as API Gateway would, and that tokens are not verified. */
  onWarning?: (message: string) => void;
}

/** A local API Gateway, listening. */
export interface LocalServer {
  /** `http://host:port`. */
  url: string;
  /** The stage served. */
  stage: string;
  model: ApiModel;
  /** The document's warnings and notes: `serve` runs documents with errors too, as warnings. */
  diagnostics: Diagnostic[];
  /** Stops listening and stops the handlers' worker threads. */
  close(): Promise<void>;
}

/**
 * Runs a local API Gateway for the document: MOCK integrations through their mapping templates,
 * HTTP proxies forwarded, Lambda functions and authorizers from a handlers folder, mock data
 * from the document for the rest.
 * @throws UsageError when the port is taken, the stage is not in the config, or the config has problems.
 * @throws DocumentError when the document cannot be read.
 */
export async function serve(options: ServeOptions): Promise<LocalServer> {
  const warn = options.onWarning ?? (() => {});
  const { config } = await loadConfig({
    ...(options.config === undefined ? {} : { path: options.config }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const { model, document, diagnostics } = await loadApi(options.document, {
    allowExternalRefs: options.allowExternalRefs ?? false,
    ...(options.api === undefined ? {} : { api: options.api }),
    lenient: true,
    locate: false,
    ...(options.apiKind ? { apiKind: options.apiKind } : {}),
  });
  const stage = servedStage(config, model, options.stage);
  const auth = { authorizers: {}, iamCredentials: [], ...config.serve };
  if (options.verifyTokens !== undefined) auth.verifyTokens = options.verifyTokens;
  if (auth.verifyTokens === false && model.securitySchemes.some((scheme) => scheme.kind === 'cognito' || scheme.kind === 'jwt')) {
    warn(
      'WARNING: token signatures are NOT verified (--no-verify-tokens or serve.verifyTokens: false): Cognito and JWT authorizers accept unsigned tokens',
    );
  }
  const handlers =
    options.handlers === undefined ? undefined : new LambdaHandlers(model, resolve(options.handlers), { functions: config.api.functions });
  const gateway = new LocalGateway(model, {
    document,
    stage: stage.name,
    stageVariables: stage.variables,
    usagePlans: stage.usagePlans,
    ...(stage.canary ? { canary: stage.canary } : {}),
    auth,
    warn,
    ...(handlers ? { handlers } : {}),
    ...(config.api.endpointType ? { endpointType: config.api.endpointType } : {}),
  });
  let server;
  try {
    server = await startServer(gateway, {
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      log: options.onRequestLog ?? (() => {}),
    });
  } catch (error) {
    await handlers?.close();
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    stage: stage.name,
    model,
    diagnostics,
    close: async () => {
      await running.close();
      await handlers?.close();
    },
  };
}
