// Peer for bench/validate.mjs: validate one document with @apidevtools/swagger-parser
// in its own process, so its start-up and memory are measured like the other CLIs.
// Exit 0: valid. Exit 1: the document was rejected (validation, parse or $ref error).
// Exit 2: usage error (no file given).
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: swagger-parser-validate.mjs <file>\n');
  process.exit(2);
}
try {
  await SwaggerParser.validate(file);
} catch (err) {
  // Only the first line: some messages list hundreds of schema errors.
  process.stderr.write(`${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
}
