import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { formatCounts } from '../../diagnostics/format-diagnostics.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface ServeArgs extends SharedArgs {
  handlers?: string;
  config?: string;
  port: number;
  host: string;
  stage?: string;
  verifyTokens?: boolean;
}

/** `apigw-gen serve <document>`: a local API Gateway for the document, until SIGINT or SIGTERM. */
export function serveCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, ServeArgs> {
  return {
    command: 'serve <document>',
    describe: 'Run a local API Gateway for the document (MOCK integrations, examples, HTTP proxies)',
    builder: (yargs: Argv) =>
      sharedDocumentOptions(yargs)
        .option('port', { type: 'number', default: 4010, describe: 'Port to listen on (0: any free port)' })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
        .option('stage', {
          type: 'string',
          describe: "Stage of the config to serve (its variables, throttles and usage plans); default: the config's first",
        })
        .option('config', {
          type: 'string',
          describe: 'Config file (default: apigw-gen.config.yaml, .yml, .json or package.json "apigw-gen" here)',
        })
        .option('handlers', {
          type: 'string',
          describe: 'Folder of built `apigw-gen handlers` output: Lambda proxy integrations and Lambda authorizers run from it',
        })
        .option('verify-tokens', {
          type: 'boolean',
          describe:
            "Check JWT signatures of Cognito and JWT authorizers (--no-verify-tokens: accept unsigned test tokens); default: the config's serve.verifyTokens, else true",
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ loadApi }, { LocalGateway }, { startServer }, { LambdaHandlers }, { loadConfig }, { servedStage }] = await Promise.all([
            import('../../index.js'),
            import('../../serve/gateway.js'),
            import('../../serve/server.js'),
            import('../../serve/lambda-proxy.js'),
            import('../../config/load-config.js'),
            import('../../serve/serve-config.js'),
          ]);
          const { config } = await loadConfig(args.config === undefined ? {} : { path: args.config });
          const { model, document, diagnostics } = await loadApi(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            lenient: true,
            locate: false,
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
          if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document: args.document }));
          const handlers =
            args.handlers === undefined
              ? undefined
              : new LambdaHandlers(model, resolve(args.handlers), { functions: config.api.functions });
          const stage = servedStage(config, model, args.stage);
          const auth = { authorizers: {}, iamCredentials: [], ...config.serve };
          if (args.verifyTokens !== undefined) auth.verifyTokens = args.verifyTokens;
          if (auth.verifyTokens === false && model.securitySchemes.some((scheme) => scheme.kind === 'cognito' || scheme.kind === 'jwt')) {
            io.stderr(
              'apigw-gen serve: WARNING: token signatures are NOT verified (--no-verify-tokens): Cognito and JWT authorizers accept unsigned tokens\n',
            );
          }
          const gateway = new LocalGateway(model, {
            document,
            stage: stage.name,
            stageVariables: stage.variables,
            usagePlans: stage.usagePlans,
            ...(stage.canary ? { canary: stage.canary } : {}),
            auth,
            warn: (message) => io.stderr(`apigw-gen serve: ${message}\n`),
            ...(handlers ? { handlers } : {}),
          });
          const server = await startServer(gateway, { port: args.port, host: args.host, log: io.stderr });
          io.stdout(
            `apigw-gen serve: ${model.kind === 'http' ? 'HTTP' : 'REST'} API "${model.title}", stage ${stage.name}, on ${server.url}\n`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.close();
          await handlers?.close();
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
