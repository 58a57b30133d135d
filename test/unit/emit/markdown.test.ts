import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { codeBlock, inlineCode, markdownParagraphs, markdownTable, markdownText } from '../../../src/emit/markdown.js';

const MARKDOWN = { parser: 'markdown', printWidth: 140, singleQuote: true, proseWrap: 'preserve' } as const;

/** Text that means something to Markdown, HTML or the code around it. */
const NASTY = [
  '<script>alert(1)</script>',
  'a & b &amp; c &#96;',
  '*bold* _em_ __strong__ ~~strike~~ `code` ``double``',
  '[link](javascript:alert(1)) ![image](x.png) [^note] [[wiki]]',
  '# heading ##',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '> quote',
  '---',
  '===',
  '    indented',
  '```ts',
  '~~~',
  '| a | b |',
  '$x^2$ $$',
  'back\\slash at the end\\',
  'trailing spaces   ',
  '{{ liquid }} {% tag %}',
  '<!-- comment -->',
  'https://example.com/a_b_c*d',
  'snake_case_name',
  'tab\there\u0000nul\u0085next\u2028line',
  '中文 text and 日本語',
];

describe('markdownText', () => {
  it.each([
    ['Use <b>*bold*</b> & `code`', 'Use &lt;b&gt;\\*bold\\*&lt;/b&gt; &amp; \\`code\\`'],
    ['# Title #', '\\# Title \\#'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['2024. A year', '2024\\. A year'],
    ['a | b ~ c $ d [e] f_g \\', 'a \\| b \\~ c \\$ d \\[e\\] f\\_g \\\\'],
    ['  line one\n  line two\r\n\tthree  ', 'line one line two three'],
    ['nul\u0000 and bell\u0007', 'nul and bell'],
    ['   ', ''],
  ])('%j → %j', (text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });

  it.each(NASTY)('%j stays text that Prettier leaves as it is, in a paragraph, a list item and a heading', async (text) => {
    const escaped = markdownText(text);
    const document = `# ${escaped || 'x'}\n\nBefore: ${escaped}\n\n${escaped || 'x'}\n\n- ${escaped || 'x'}\n`;
    expect(await format(document, MARKDOWN)).toBe(document);
    expect(escaped).not.toMatch(/<|>|\n/);
  });
});

describe('markdownParagraphs', () => {
  it("keeps the text's paragraphs, each on one line", () => {
    expect(markdownParagraphs('First line\ncontinued.\n\n  \n* Second\n\n\n')).toBe('First line continued.\n\n\\* Second');
  });
});

describe('inlineCode', () => {
  it.each([
    ['GET /books', '`GET /books`'],
    ['a`b', '``a`b``'],
    ['a``b', '`a``b`'],
    ['`x`', '`` `x` ``'],
    ['a`b``c', '```a`b``c```'],
    ['line\nbreak', '`line break`'],
    ['  padded  ', '`padded`'],
    ['\n', ''],
  ])('%j → %j', (text, expected) => {
    expect(inlineCode(text)).toBe(expected);
  });

  it.each(NASTY)('%j is a code span Prettier leaves as it is', async (text) => {
    const document = `Code: ${inlineCode(text) || 'x'}\n`;
    expect(await format(document, MARKDOWN)).toBe(document);
  });
});

describe('codeBlock', () => {
  it('fences with three backticks, or one more than the longest run in the code', async () => {
    expect(codeBlock('sh', 'npm test\n')).toBe('```sh\nnpm test\n```');
    const code = "const fence = '````';\nconst other = '```';";
    const block = codeBlock('ts', code);
    expect(block).toBe(`\`\`\`\`\`ts\n${code}\n\`\`\`\`\``);
    expect(await format(`${block}\n`, MARKDOWN)).toBe(`${block}\n`);
  });
});

describe('markdownTable', () => {
  it('pads columns to their widest cell, as Prettier aligns them', async () => {
    const table = markdownTable(
      ['A', 'Description'],
      [
        ['`x`', 'short'],
        ['`longer`', 'a longer description'],
      ],
    );
    expect(table.split('\n')[1]).toBe('| -------- | -------------------- |');
    expect(await format(`${table}\n`, MARKDOWN)).toBe(`${table}\n`);
  });
});
