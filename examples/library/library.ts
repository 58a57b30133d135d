// The README's "Library" examples, type-checked against the built package (test/package/library-examples.test.ts).
import { cfn, DocumentError, generate, handlers, inspect, mock, sdk, serve, validate } from 'apigw-gen';

// validate: every finding as data, never a throw for a bad document.
const result = await validate('openapi.yaml', { strict: true });
for (const d of result.diagnostics) console.log(d.severity, d.code, `${d.file}:${d.line ?? '?'}`, d.message);

// sdk: plan in memory with dryRun, or write the package.
const planned = await sdk({ document: 'openapi.yaml', out: 'sdk', name: '@acme/pets-client', dryRun: true });
for (const file of planned.files) console.log(file.path, file.contents.length);
const written = await sdk({ document: 'openapi.yaml', out: 'sdk', bump: true });
console.log(written.report.join('\n'), written.written?.written);

// handlers: user-edited implementations are kept; check mode tells what a run would change.
const stale = await handlers({ document: 'openapi.yaml', out: 'handlers', check: true });
if ((stale.written?.written.length ?? 0) > 0) console.log('handlers are stale');

// mock and cfn: one file each.
const mocked = await mock({ document: 'openapi.yaml', out: 'openapi.mock.yaml', all: true });
console.log(mocked.warnings);
const template = await cfn({ document: 'openapi.yaml', out: 'template.yaml', config: 'apigw-gen.config.yaml' });
console.log(template.files[0]?.contents);

// inspect: the model every generator reads.
const { model } = await inspect({ document: 'openapi.yaml' });
console.log(model.operations.map((operation) => `${operation.method} ${operation.path}`));

// serve: a local API Gateway until close().
const server = await serve({ document: 'openapi.yaml', port: 0, handlers: 'handlers', onRequestLog: (text) => process.stderr.write(text) });
console.log(await (await fetch(`${server.url}/pets`)).json());
await server.close();

// generate: every target of apigw-gen.config.yaml (or .ts).
const run = await generate({ check: true });
if (run.stale.length > 0) console.log('stale:', run.stale);

// Errors: DocumentError carries the diagnostics; UsageError is a mistake in the options or files.
try {
  await sdk({ document: 'broken.yaml', out: 'sdk' });
} catch (error) {
  if (!(error instanceof DocumentError)) throw error;
  console.log(error.diagnostics.map((d) => d.code));
}
