import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { jsDocComment, propertyKey, stringLiteral } from './layout.js';

/** The templates folder, found from this module (never from the working directory). */
export const templatesRoot = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Helpers templates may use: escaping and formatting only. Names and types are computed in
 * TypeScript before rendering.
 */
const helpers = {
  /** A TypeScript string literal. */
  str: (text: unknown) => stringLiteral(String(text)),
  /** A property key, quoted when it is not an identifier. */
  key: (name: unknown) => propertyKey(String(name)),
  /** A JSDoc comment, or nothing for empty text. */
  doc: (text: unknown) => (typeof text === 'string' && text.trim() !== '' ? jsDocComment(text, 0) : ''),
} as const;

/** Render functions by template path, compiled once per process in an isolated environment. */
let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;

/** Every template, as `[path under templates/, source]`, in a stable order. */
function readTemplates(): [string, string][] {
  return readdirSync(templatesRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => [file, readFileSync(join(templatesRoot, file), 'utf8')]);
}

function compileAll(): Map<string, Handlebars.TemplateDelegate> {
  const environment = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) environment.registerHelper(name, helper);
  const options = compileOptions();
  const templates = new Map(readTemplates().map(([file, source]) => [file, environment.compile(source, options)]));
  for (const [file, template] of templates) {
    if (file.startsWith('partials/')) environment.registerPartial(file.slice('partials/'.length, -'.hbs'.length), template);
  }
  return templates;
}

/** Renders `templates/<name>.hbs` with a view model, ending with a line break. Unknown helpers, partials or fields throw. */
export function renderTemplate(name: string, view: object): string {
  compiled ??= compileAll();
  const template = compiled.get(`${name}.hbs`);
  if (!template) throw new Error(`no template ${name}.hbs in ${templatesRoot}`);
  const text = template(view);
  // Every file ends with one line break, whatever the last block rendered.
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Precompiles every template, throwing on unknown helpers or syntax errors (the test suite calls it). */
export function checkTemplates(): string[] {
  const environment = Handlebars.create();
  const templates = readTemplates();
  for (const [, source] of templates) environment.precompile(source, compileOptions());
  return templates.map(([file]) => file);
}

function compileOptions(): CompileOptions {
  return {
    strict: true,
    noEscape: true,
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
    knownHelpersOnly: true,
  };
}
