import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse as parseJsonWithErrors, printParseErrorCode, type ParseError } from 'jsonc-parser';
import jsYaml from 'js-yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DocumentError } from '../diagnostics/diagnostic.js';
import { diagnosticCatalog, type DiagnosticCode } from '../diagnostics/codes.js';
import { yamlSchema } from './cloudformation-tags.js';
import { createPositionFinder, positionInText, type PositionFinder } from './source-positions.js';

/** One file of the document (the root or a `$ref`ed one), parsed, with its text kept for positions. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the working directory, as shown to users. */
  displayPath: string;
  format: 'json' | 'yaml';
  value: unknown;
  findPositions: PositionFinder;
}

/** Shows a path relative to the working directory (absolute when it lies elsewhere). */
export function displayPathOf(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}

/** Reads and parses a YAML or JSON file; throws a DocumentError naming file and line on failure. */
export function readSourceFile(path: string): SourceFile {
  return parseSourceText(path, readText(path));
}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw sourceError({ path, code: 'APIGW_FILE_UNREADABLE', message: `Cannot read ${displayPathOf(path)}: ${reason}.` });
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!text.includes('\0')) return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Falls through: not UTF-8.
  }
  throw sourceError({
    path,
    code: 'APIGW_FILE_UNREADABLE',
    message: `${displayPathOf(path)} is not a text file (it is not valid UTF-8 or contains NUL bytes).`,
  });
}

/** Parses text already read from `path`. JSON goes through JSON.parse; everything else through YAML. */
export function parseSourceText(path: string, text: string): SourceFile {
  const format = path.endsWith('.json') || /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  const value = format === 'json' ? parseJson(path, text) : parseYaml(path, text);
  return { path, displayPath: displayPathOf(path), format, value, findPositions: createPositionFinder(text, format) };
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseJsonWithErrors(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    if (!first) return parseYaml(path, text); // JSON.parse and jsonc disagree only on YAML-ish input.
    const { line, column } = positionInText(text, first.offset);
    throw sourceError({
      path,
      code: 'APIGW_PARSE_ERROR',
      message: `Malformed JSON: ${describeJsonError(printParseErrorCode(first.error))}.`,
      line,
      column,
    });
  }
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function parseYaml(path: string, text: string): unknown {
  try {
    return jsYaml.load(text, { schema: yamlSchema, filename: path, json: false });
  } catch (error) {
    if (!(error instanceof jsYaml.YAMLException)) throw error;
    throw sourceError({
      path,
      code: 'APIGW_PARSE_ERROR',
      message: `Malformed YAML: ${error.reason}.`,
      line: error.mark.line + 1,
      column: error.mark.column + 1,
    });
  }
}

function sourceError(options: { path: string; code: DiagnosticCode; message: string; line?: number; column?: number }): DocumentError {
  const diagnostic: Diagnostic = {
    code: options.code,
    severity: 'error',
    message: options.message,
    file: displayPathOf(options.path),
    pointer: '',
    help: diagnosticCatalog[options.code].fix,
  };
  if (options.line !== undefined) {
    diagnostic.line = options.line;
    diagnostic.column = options.column ?? 1;
  }
  return new DocumentError([diagnostic]);
}
