import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { parse as parseJsonWithErrors, printParseErrorCode, type ParseError } from 'jsonc-parser';
import jsYaml from 'js-yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DocumentError } from '../diagnostics/diagnostic.js';
import { diagnosticCatalog, type DiagnosticCode } from '../diagnostics/codes.js';
import { asciiJsonText } from './ascii-json.js';
import { checkShape, MAX_NESTING, maxExpandedValues } from './document-shape.js';
import { pointerOf } from '../diagnostics/json-pointer.js';
import { yamlSchema } from './cloudformation-tags.js';
import { displayPathOf } from './display-path.js';
import { createPositionFinder, positionInText, type PositionFinder } from './source-positions.js';

/** One file of the document (the root or a `$ref`ed one), parsed, with its text kept for positions. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the working directory, as shown to users. */
  displayPath: string;
  format: 'json' | 'yaml';
  value: unknown;
  /**
   * Where `value` is in the file, when it is not the whole file (the definition written in a
   * template's API resource): pointers of `value` are reported from the file's root.
   */
  base?: string;
  /** Positions of pointers from the file's root. */
  findPositions: PositionFinder;
  /** The file's size and modification time when it was read. */
  stamp: FileStamp;
}

/** Reads and parses a YAML or JSON file; throws a DocumentError naming file and line on failure. */
export function readSourceFile(path: string): SourceFile {
  const { bytes, stamp } = readBytes(path);
  const format = path.endsWith('.json') || startsLikeJson(bytes) ? 'json' : 'yaml';
  const value = format === 'json' ? parseJson(path, bytes) : parseYaml(path, bytes.toString('utf8'));
  assertBoundedShape(path, format, value, bytes.length);
  return { path, displayPath: displayPathOf(path), format, value, findPositions: positionsFromDisk(path, format, stamp), stamp };
}

/** Whether the first character after whitespace opens a JSON object or array. */
function startsLikeJson(bytes: Buffer): boolean {
  let index = 0;
  while (index < bytes.length && [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c].includes(bytes[index]!)) index++;
  return bytes[index] === 0x7b || bytes[index] === 0x5b;
}

/** When a file was read: positions are only looked up in a file that has not changed since. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

function readText(path: string): { text: string; stamp: FileStamp } {
  const { bytes, stamp } = readBytes(path);
  return { text: bytes.toString('utf8'), stamp };
}

/** The file's bytes, checked to be UTF-8 text, without a byte order mark. */
function readBytes(path: string): { bytes: Buffer; stamp: FileStamp } {
  let bytes: Buffer;
  let stamp: FileStamp;
  try {
    bytes = readFileSync(path);
    const { size, mtimeMs } = statSync(path);
    stamp = { size, mtimeMs };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw sourceError({ path, code: 'APIGW_FILE_UNREADABLE', message: `Cannot read ${displayPathOf(path)}: ${reason}.` });
  }
  if (isUtf8(bytes) && !bytes.includes(0)) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { bytes: bom ? bytes.subarray(3) : bytes, stamp };
  }
  throw sourceError({
    path,
    code: 'APIGW_FILE_UNREADABLE',
    message: `${displayPathOf(path)} is not a text file (it is not valid UTF-8 or contains NUL bytes).`,
  });
}

/**
 * Positions are needed only when a run reports problems, so the text is not kept (for a large
 * document it is the largest object of a run): the first lookup reads the file again, unless it
 * changed since it was parsed, when nothing gets a position rather than a wrong one.
 */
function positionsFromDisk(path: string, format: 'json' | 'yaml', stamp: FileStamp): PositionFinder {
  let finder: PositionFinder | undefined;
  return (pointers) => {
    if (!finder) {
      let current: { text: string; stamp: FileStamp } | undefined;
      try {
        current = readText(path);
      } catch {
        current = undefined;
      }
      const unchanged = current !== undefined && current.stamp.size === stamp.size && current.stamp.mtimeMs === stamp.mtimeMs;
      finder = unchanged ? createPositionFinder(current!.text, format) : (wanted) => wanted.map(() => undefined);
    }
    return finder(pointers);
  };
}

function parseJson(path: string, bytes: Buffer): unknown {
  const ascii = asciiJsonText(bytes);
  if (ascii !== undefined) {
    try {
      return JSON.parse(ascii);
    } catch {
      // Malformed: the text as written says where.
    }
  }
  return parseJsonText(path, bytes.toString('utf8'));
}

function parseJsonText(path: string, text: string): unknown {
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
    const tooDeep = error.reason.startsWith('nesting exceeded maxDepth');
    throw sourceError({
      path,
      code: tooDeep ? 'APIGW_DOCUMENT_TOO_COMPLEX' : 'APIGW_PARSE_ERROR',
      message: tooDeep ? `Nested more than ${MAX_NESTING} levels deep.` : `Malformed YAML: ${error.reason}.`,
      line: error.mark.line + 1,
      column: error.mark.column + 1,
    });
  }
}

/** Refuses a value too deep or too large for the later stages (see document-shape.ts), with the place it goes too deep. */
function assertBoundedShape(path: string, format: 'json' | 'yaml', value: unknown, textLength: number): void {
  const problem = checkShape(value, textLength);
  if (!problem) return;
  if (problem.kind === 'too-large') {
    throw sourceError({
      path,
      code: 'APIGW_DOCUMENT_TOO_COMPLEX',
      message: `YAML aliases expand this file to more than ${maxExpandedValues(textLength)} values (an alias bomb?).`,
    });
  }
  const pointer = pointerOf(problem.path);
  throw sourceError({
    path,
    code: 'APIGW_DOCUMENT_TOO_COMPLEX',
    message: `Nested more than ${MAX_NESTING} levels deep.`,
    pointer,
    ...positionInDeepText(path, format, pointer),
  });
}

/** The JSON parser behind positions recurses once a level: past a few thousand levels it runs out of stack, and the place goes unsaid. */
function positionInDeepText(path: string, format: 'json' | 'yaml', pointer: string): { line?: number; column?: number } {
  try {
    return createPositionFinder(readText(path).text, format)([pointer])[0] ?? {};
  } catch (error) {
    if (error instanceof RangeError) return {};
    throw error;
  }
}

function sourceError(options: {
  path: string;
  code: DiagnosticCode;
  message: string;
  pointer?: string;
  line?: number;
  column?: number;
}): DocumentError {
  const diagnostic: Diagnostic = {
    code: options.code,
    severity: 'error',
    message: options.message,
    file: displayPathOf(options.path),
    pointer: options.pointer ?? '',
    help: diagnosticCatalog[options.code].fix,
  };
  if (options.line !== undefined) {
    diagnostic.line = options.line;
    diagnostic.column = options.column ?? 1;
  }
  return new DocumentError([diagnostic]);
}
