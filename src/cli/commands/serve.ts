import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
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
          const [{ serve }, { formatCounts }] = await Promise.all([
            import('../../library/serve.js'),
            import('../../diagnostics/format-diagnostics.js'),
          ]);
          const server = await serve({
            document: args.document,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
            port: args.port,
            host: args.host,
            ...(args.config === undefined ? {} : { config: args.config }),
            ...(args.stage === undefined ? {} : { stage: args.stage }),
            ...(args.handlers === undefined ? {} : { handlers: args.handlers }),
            ...(args.verifyTokens === undefined ? {} : { verifyTokens: args.verifyTokens }),
            onRequestLog: io.stderr,
            onWarning: (message) => io.stderr(`apigw-gen serve: ${message}\n`),
          });
          const warnings = server.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
          if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document: args.document }));
          const { model } = server;
          io.stdout(
            `apigw-gen serve: ${model.kind === 'http' ? 'HTTP' : 'REST'} API "${model.title}", stage ${server.stage}, on ${server.url}\n`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.close();
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
