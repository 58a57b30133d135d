import type HandlebarsApi from 'handlebars';
import runtime from 'handlebars/runtime.js';
import { templates, type knownHelpers } from './generated/templates.js';
import { jsDocComment, propertyKey, stringLiteral } from './layout.js';

/**
 * Helpers templates may use: escaping and formatting only. Names and types are computed in
 * TypeScript before rendering. The keys must be the build's `knownHelpers`
 * (scripts/build-templates.mjs), which templates are checked against.
 */
const helpers: Record<(typeof knownHelpers)[number], (text: unknown) => string> = {
  /** A TypeScript string literal. */
  str: (text) => stringLiteral(String(text)),
  /** A property key, quoted when it is not an identifier. */
  key: (name) => propertyKey(String(name)),
  /** A JSDoc comment, or nothing for empty text. */
  doc: (text) => (typeof text === 'string' && text.trim() !== '' ? jsDocComment(text, 0) : ''),
};

/** The runtime build: Handlebars without its compiler (its own typings declare nothing). */
const Handlebars = runtime as unknown as typeof HandlebarsApi;

/** Render functions by template path, made once per process in an isolated environment. */
let loaded: Map<string, HandlebarsApi.TemplateDelegate> | undefined;

/** Templates come precompiled (with `strict`, `noEscape` and known helpers only) by the build. */
function loadAll(): Map<string, HandlebarsApi.TemplateDelegate> {
  const environment = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) environment.registerHelper(name, helper);
  const all = new Map(Object.entries(templates).map(([file, spec]) => [file, environment.template(spec)]));
  for (const [file, template] of all) {
    if (file.startsWith('partials/')) environment.registerPartial(file.slice('partials/'.length, -'.hbs'.length), template);
  }
  return all;
}

/** Renders `templates/<name>.hbs` with a view model, ending with a line break. Unknown fields throw. */
export function renderTemplate(name: string, view: object): string {
  loaded ??= loadAll();
  const template = loaded.get(`${name}.hbs`);
  if (!template) throw new Error(`no template ${name}.hbs`);
  const text = template(view);
  // Every file ends with one line break, whatever the last block rendered.
  return text.endsWith('\n') ? text : `${text}\n`;
}
