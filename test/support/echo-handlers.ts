import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedFile } from '../../src/emit/write-plan.js';
import { compile, replaceFiles, writeHandlers } from './handlers-package.js';

/**
 * The handlers package of a document with every operation implemented to echo the
 * `requestContext` its event carries (so that tests see what the gateway put there), the given
 * authorizer sources in place of their stubs, compiled with the package's own strict tsconfig.
 */
export async function writeEchoHandlers(document: string, authorizers: Record<string, string>): Promise<string> {
  const { out, files } = await writeHandlers(document);
  const operations: Record<string, string> = {};
  for (const file of files.filter((planned: PlannedFile) => /^src\/functions\/[^/]+\/[^/]+\.ts$/.test(planned.path))) {
    const stub = readFileSync(join(out, file.path), 'utf8');
    if (!stub.includes('Runtime.notImplemented()')) continue;
    operations[file.path] = stub
      .replace("import * as Runtime from '../../runtime/router.js';\n", '')
      .replace(
        /= \(\) => Runtime\.notImplemented\(\);/,
        '= ({ event }) => ({ statusCode: 200, body: { requestContext: event.requestContext } });',
      );
  }
  replaceFiles(out, { ...operations, ...authorizers });
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  return out;
}
