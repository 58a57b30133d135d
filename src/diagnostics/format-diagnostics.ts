import { styleText } from 'node:util';
import { diagnosticCatalog, OUTPUTS, type DiagnosticCode, type Output, type Severity } from './codes.js';
import type { Diagnostic } from './diagnostic.js';

/** Counts by severity. */
export interface DiagnosticSummary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): DiagnosticSummary {
  const count = (severity: Severity) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

/**
 * Renders diagnostics for a terminal:
 * `file:line:column  severity  CODE  message`, then where (operation, pointer) and `help:`.
 */
export function formatHuman(diagnostics: readonly Diagnostic[], options: { color: boolean }): string {
  const paint = (color: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(color, text) : text);
  const lines: string[] = [];
  for (const raw of diagnostics) {
    const diagnostic = { ...raw, message: printable(raw.message), file: printable(raw.file), pointer: printable(raw.pointer) };
    if (raw.operation) diagnostic.operation = printable(raw.operation);
    const place = diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}:${diagnostic.column ?? 1}`;
    lines.push(
      `${paint('bold', place)}  ${paint(SEVERITY_COLOR[diagnostic.severity], diagnostic.severity)}  ${paint('dim', diagnostic.code)}  ${diagnostic.message}`,
    );
    const where = [diagnostic.operation, `#${diagnostic.pointer}`].filter(Boolean).join('  ');
    lines.push(`  ${paint('dim', `at ${where}`)}`);
    lines.push(`  help: ${diagnostic.help}`);
    if (raw.blocks) lines.push(`  ${paint('dim', blocksLine(raw.blocks))}`);
  }
  const { errors, warnings, infos } = summarize(diagnostics);
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${plural(infos, 'note')}` : ''}`;
  lines.push(errors > 0 ? paint('red', `✖ ${counts}`) : paint('green', `✔ ${counts}`));
  return lines.join('\n') + '\n';
}

/**
 * Counts diagnostics by code, one line each, for commands whose job is not checking (`sdk`):
 * `  915 × APIGW_MODEL_NAME_INVALID  Model name …`. `validate` shows where each one is.
 */
export function formatCounts(diagnostics: readonly Diagnostic[], options: { color: boolean; document: string }): string {
  const paint = (color: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(color, text) : text);
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const diagnostic of diagnostics) {
    const entry = counts.get(diagnostic.code) ?? { severity: diagnostic.severity, count: 0 };
    entry.count++;
    counts.set(diagnostic.code, entry);
  }
  const lines = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([code, { severity, count }]) =>
        `${String(count).padStart(6)} × ${paint(SEVERITY_COLOR[severity], severity)}  ${paint('dim', code)}  ${diagnosticCatalog[code as DiagnosticCode].title}`,
    );
  lines.push(`  run \`apigw-gen validate ${printable(options.document)}\` to see where each one is`);
  return lines.join('\n') + '\n';
}

/** `blocks: validate, mock, cfn; a warning for sdk, handlers`: what an error stops, and what it does not. */
function blocksLine(blocks: readonly Output[]): string {
  const others = OUTPUTS.filter((output) => !blocks.includes(output));
  return others.length === 0 ? 'blocks: every output' : `blocks: ${blocks.join(', ')}; a warning for ${others.join(', ')}`;
}

/** Control characters from a document must not reach the terminal as such (an escape sequence could rewrite the screen). */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
