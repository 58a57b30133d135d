import velocity from 'velocityjs';
import { describe, expect, it } from 'vitest';
import { vtlLiteral } from '../../../src/mock/vtl-literal.js';

// API Gateway gives every template `$util`; urlDecode is the one these templates use.
const render = (template: string) => velocity.render(template, { util: { urlDecode: decodeURIComponent } });

describe('vtlLiteral', () => {
  it.each([
    ['plain JSON', '{"name": "Rex", "tags": ["a", "b"]}'],
    ['references', '{"price": "$5", "ref": "$input.body", "braced": "${x}", "quiet": "$!y"}'],
    ['directives and comments', '#set($a = 1) #if(true) x #end ## line comment\n#* block *# after'],
    ['colours and anchors', '{"colour": "#ff0000", "link": "https://example.com/#top"}'],
    ['escapes', '\\$ \\\\$ \\# \\\\\\# a\\b "quoted \\" text"'],
    ['unparsed-block markers', '#[[ not a block ]]# ]]#'],
    ['multi-line text', 'line one\n  line two\n#end\n'],
    ['empty', ''],
  ])('renders %s verbatim', (_, text) => {
    expect(render(vtlLiteral(text))).toBe(text);
  });

  it('renders every short string over the characters VTL treats specially verbatim', () => {
    const alphabet = ['$', '#', '\\', '{', '}', '!', '*', '[', ']', 'a', ' '];
    let texts = [''];
    for (let length = 1; length <= 3; length++) texts = texts.flatMap((text) => alphabet.map((char) => text + char));
    const wrong = texts.filter((text) => render(vtlLiteral(`x${text}x`)) !== `x${text}x`);
    expect(wrong).toStrictEqual([]);
  });

  it('leaves text without $, # or \\ as it is', () => {
    expect(vtlLiteral('{"a": [1, 2]}')).toBe('{"a": [1, 2]}');
  });
});
