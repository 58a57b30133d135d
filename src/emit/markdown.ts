/**
 * Markdown for text that comes from the document (titles, descriptions, names, examples): it is
 * shown as written and can neither change the layout nor inject HTML. Output is already laid out
 * as Prettier (pinned version, markdown parser, `proseWrap: 'preserve'`) prints it, so generated
 * READMEs need no formatting pass; the test suite checks this over every corpus document.
 * @see https://spec.commonmark.org/0.31.2/
 */

/** C0 and C1 control characters other than tab and line breaks: a parser drops or replaces them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Characters with a meaning anywhere in a line: emphasis, code spans, links and images, tables,
 * strikethrough, math, the heading marker (a trailing `#` run closes a heading), and HTML.
 */
const INLINE_SPECIAL = /[\\`*_[\]|~$#<>&]/g;

/** `<`, `>` and `&` become entities (so no HTML survives); the others are escaped with a backslash. */
const ESCAPED: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Document text as one line of inline Markdown that reads as the text itself. Line breaks and
 * runs of white space become one space; characters Markdown gives a meaning are escaped (`<`,
 * `>` and `&` as entities, so no HTML survives), and so is what would start a block at the
 * beginning of a line (a list marker, a numbered list item). Empty for blank text.
 * @example
 * markdownText('Use <b>*bold*</b>'); // 'Use &lt;b&gt;\\*bold\\*&lt;/b&gt;'
 */
export function markdownText(text: string): string {
  const line = text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  return line
    .replace(INLINE_SPECIAL, (char) => ESCAPED[char] ?? `\\${char}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/**
 * Document text as Markdown paragraphs: the text's own paragraphs (separated by blank lines)
 * each become one escaped line (see markdownText), separated by a blank line. Empty for blank text.
 */
export function markdownParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(markdownText)
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/**
 * A code span for text shown verbatim (a path, a name): on one line, fenced with a backtick run
 * the text does not contain, padded with a space when the text starts or ends with a backtick,
 * as Prettier prints it. Falls back to escaped text when nothing visible is left.
 */
export function inlineCode(text: string): string {
  const code = text
    .replace(CONTROL, '')
    .replace(/[\t\n\r]+/g, ' ')
    .trim();
  if (code === '') return markdownText(text);
  const runs = new Set((code.match(/`+/g) ?? []).map((run) => run.length));
  let fence = 1;
  while (runs.has(fence)) fence++;
  const ticks = '`'.repeat(fence);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${code}${pad}${ticks}`;
}

/**
 * A fenced code block that its code cannot close: the fence is one backtick longer than the
 * longest backtick run in the code (three at least), as Prettier chooses it.
 */
export function codeBlock(language: string, code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

/**
 * A table with a header row, its columns padded to their widest cell as Prettier aligns them.
 * Cells are Markdown already; widths count code points, so cells must not hold wide (CJK) characters.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((cell, column) => Math.max(3, width(cell), ...rows.map((row) => width(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((columnWidth, column) => (cells[column] ?? '') + ' '.repeat(columnWidth - width(cells[column] ?? ''))).join(' | ')} |`;
  return [line(header), line(widths.map((columnWidth) => '-'.repeat(columnWidth))), ...rows.map(line)].join('\n');
}
