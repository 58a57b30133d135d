// Publishes the config file's JSON Schema (src/config/config-schema.ts) for editors, as
// dist/apigw-gen.config.schema.json (`apigw-gen/config.schema.json` in the package). Runs after tsc.
// `errorText`, apigw-gen's own keyword for its messages, becomes `description`, which editors show.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { configSchema } = await import(join(root, 'dist/config/config-schema.js'));

function forEditors(value) {
  if (Array.isArray(value)) return value.map(forEditors);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key === 'errorText' ? 'description' : key, forEditors(child)]));
}

const published = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/apigw-gen/apigw-gen/blob/main/apigw-gen.config.schema.json',
  title: 'apigw-gen config (apigw-gen.config.yaml, .json, or the "apigw-gen" key of package.json)',
  ...forEditors(configSchema),
};
writeFileSync(join(root, 'dist/apigw-gen.config.schema.json'), JSON.stringify(published, null, 2) + '\n');
