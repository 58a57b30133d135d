import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without type declarations.
import { precompiledTemplatesModule } from '../../../scripts/build-templates.mjs';
import { renderTemplate } from '../../../src/emit/handlebars.js';
import { repoRoot } from '../../support/paths.js';

const precompile = precompiledTemplatesModule as (folder?: string) => string;

function templatesFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-templates-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), source);
  }
  return folder;
}

describe('precompiled templates', () => {
  it('are those of templates/ (the build is not stale)', () => {
    expect(readFileSync(join(repoRoot, 'src/emit/generated/templates.js'), 'utf8')).toBe(precompile());
  });

  it('reject a helper that is not a known escaping helper, naming the file', () => {
    const folder = templatesFolder({ 'sdk/bad.ts.hbs': '{{lowercase name}}' });
    expect(() => precompile(folder)).toThrow(/sdk\/bad\.ts\.hbs: .*lowercase/);
  });

  it('reject a template that does not parse', () => {
    const folder = templatesFolder({ 'broken.hbs': '{{#each items}}' });
    expect(() => precompile(folder)).toThrow(/broken\.hbs: Parse error/);
  });

  it('render strictly: a field missing from the view model throws', () => {
    expect(() => renderTemplate('sdk/client.gen.ts', {})).toThrow(/not defined/);
  });
});
