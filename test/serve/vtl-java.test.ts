import { describe, expect, it } from 'vitest';
import { inputVariable, utilVariable } from '../../src/serve/vtl-context.js';
import { javaReplace, javaSplit } from '../../src/serve/vtl/java-regex.js';
import { escapeJavaScript, urlEncode } from '../../src/serve/vtl/java-text.js';
import { TemplateRenderer } from '../../src/serve/vtl/template-engine.js';

/**
 * The Java functions API Gateway's templates run, against the Java documentation's own examples
 * and rules; and references as API Gateway renders them.
 */

const renderer = new TemplateRenderer();
const render = (template: string, body = '', stageVariables: Record<string, string> = {}) =>
  renderer.render(template, {
    input: inputVariable({ body, path: {}, querystring: {}, header: {} }),
    util: utilVariable,
    context: { stage: 'dev', identity: { sourceIp: '127.0.0.1' } },
    stageVariables,
  });

describe('$util.escapeJavaScript is commons-lang StringEscapeUtils.escapeJavaScript', () => {
  it.each([
    // The javadoc's example: https://commons.apache.org/proper/commons-lang/javadocs/api-2.6/org/apache/commons/lang/StringEscapeUtils.html#escapeJavaScript(java.lang.String)
    ['He didn\'t say, "Stop!"', 'He didn\\\'t say, \\"Stop!\\"'],
    // Same page: "/" is escaped too, and characters outside ASCII become \uXXXX (upper-case hex, as its hex() writes them).
    ['</script>', '<\\/script>'],
    ['café ☕', 'caf\\u00E9 \\u2615'],
    ['tab\tline\nreturn\r', 'tab\\tline\\nreturn\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['\u0001', '\\u0001'],
  ])('%j', (text, escaped) => {
    expect(escapeJavaScript(text)).toBe(escaped);
  });

  it('escapes a missing value to empty text', () => {
    expect(render('[$util.escapeJavaScript($input.path("$.missing"))]', '{}')).toBe('[]');
  });

  it("undoes its quote escaping with Java's replaceAll, as AWS's EventBridge sample template does", () => {
    // localstack tests/aws/services/apigateway/test_apigateway_eventbridge.py (aws.validated): `$util.escapeJavaScript($elem.Detail).replaceAll("\\'","'")`
    expect(render(`#set($x = "it's")$util.escapeJavaScript($x).replaceAll("\\\\'","'")`)).toBe("it's");
  });
});

describe('$util.urlEncode is java.net.URLEncoder.encode(text, "UTF-8")', () => {
  // https://docs.oracle.com/javase/8/docs/api/java/net/URLEncoder.html: letters, digits and ".-*_" stay, " " is "+", everything else is %XX of its UTF-8 bytes.
  it.each([
    ['a-z.A_Z*09', 'a-z.A_Z*09'],
    ['a b', 'a+b'],
    ["!'()~", '%21%27%28%29%7E'],
    ['é/?&=', '%C3%A9%2F%3F%26%3D'],
  ])('%j', (text, encoded) => {
    expect(urlEncode(text)).toBe(encoded);
    expect(utilVariable.urlDecode(encoded)).toBe(text);
  });

  it('encodes a missing value to empty text', () => {
    expect(render('[$util.urlEncode($stageVariables.unset)]')).toBe('[]');
  });
});

describe("String methods with Java's regular expressions", () => {
  it.each([
    // java.util.regex.Matcher#replaceAll javadoc: pattern a*b, input aabfooaabfooabfoob, replacement "-"
    ['aabfooaabfooabfoob', 'a*b', '-', true, '-foo-foo-foo-'],
    // Matcher#replaceFirst javadoc: pattern dog, input zzzdogzzzdogzzz, replacement cat
    ['zzzdogzzzdogzzz', 'dog', 'cat', false, 'zzzcatzzzdogzzz'],
    // Matcher#appendReplacement: $g is a group, \ escapes the next character
    ['2026-12-05', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1', true, '05/12/2026'],
    ['price 5', '(\\d)', '\\$$1', true, 'price $5'],
    ['key=value', '(?<k>\\w+)=(?<v>\\w+)', '${v}=${k}', true, 'value=key'],
    // Java-only syntax: inline flags and \A
    ['Hello hello', '(?i)hello', 'bye', true, 'bye bye'],
    ['abab', '\\Aab', 'X', true, 'Xab'],
  ] as const)('%j.replace(%j, %j)', (text, pattern, replacement, all, expected) => {
    expect(javaReplace(text, pattern, replacement, all)).toBe(expected);
  });

  it.each([
    // String#split(String) javadoc, input "boo:and:foo"
    [':', ['boo', 'and', 'foo']],
    ['o', ['b', '', ':and:f']],
  ])('"boo:and:foo".split(%j)', (pattern, pieces) => {
    expect(javaSplit('boo:and:foo', pattern)).toStrictEqual(pieces);
  });

  it('runs in templates: replaceAll, replace, matches, split, length', () => {
    expect(
      render('#set($s = "a.b.c")$s.replaceAll("\\.", "/") $s.replace(".", "-") $s.matches("[a-c.]+") $s.split("\\.").size() $s.length()'),
    ).toBe('a/b/c a-b-c true 3 5');
  });
});

describe('references as API Gateway renders them', () => {
  it('renders missing and null references as empty text, quiet or not', () => {
    expect(
      render('[$stageVariables.unset][$!stageVariables.unset][$context.identity.user][$input.path("$.a")][$nothing]', '{"a": null}'),
    ).toBe('[][][][][]');
  });

  it('renders $input.body of an empty request as {}', () => {
    expect(render('$input.body $input.json("$")')).toBe('{} {}');
  });

  it('compares null with "" as equal, and a value of another type by its text', () => {
    expect(render('#if($input.path("$.a") == "")yes#end #if($input.path("$.n") == "1")yes#end', '{"a": null, "n": 1}')).toBe('yes yes');
  });

  it("Map.put prints the previous value (nothing for a new key), as Java's does", () => {
    expect(render('#set($m = {})$m.put("a", "1")$m.put("a", "2")$m')).toBe('1{a=2}');
  });

  it('a compiled template keeps no state between renders (#stop())', () => {
    const template = '#foreach($i in [1, 2])$i#end#if($stageVariables.stop == "yes")#stop()#end!';
    expect(render(template, '', { stop: 'yes' })).toBe('12');
    expect(render(template)).toBe('12!');
  });
});
