/**
 * Java's regular expressions, as templates use them in `String.replaceAll`, `replaceFirst`,
 * `matches` and `split`, run on JavaScript's engine: the syntax the two share is passed on, the
 * Java-only parts are translated (leading inline flags, `\A` `\z` `\Z`, possessive quantifiers,
 * atomic groups), and replacements follow Java's rules (`$1`, `${name}`, `\$` for a dollar).
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Matcher.html#appendReplacement-java.lang.StringBuffer-java.lang.String-
 */

function translate(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    flags = [...new Set(inline[1]!.replace('x', ''))].join('');
    source = source.slice(inline[0].length);
  }
  // One pass, escapes first, so that an escaped `\+` or `\A` is never read as something else.
  source = source.replace(
    /\\p\{(\w+)\}|(\\[\s\S])|([*+?]|\{\d+(?:,\d*)?\})\+|\(\?>/g,
    (match, posix: string | undefined, escape: string | undefined, quantifier: string | undefined) => {
      if (posix !== undefined) return POSIX_CLASSES[posix] ?? match;
      if (escape !== undefined) return JAVA_ANCHORS[escape] ?? escape;
      if (quantifier !== undefined) return quantifier; // possessive: greedy is the closest JavaScript has
      return '(?:'; // atomic group
    },
  );
  return { source, flags };
}

const JAVA_ANCHORS: Record<string, string> = { '\\A': '^', '\\z': '(?![\\s\\S])', '\\Z': '(?=\\n?(?![\\s\\S]))' };

const POSIX_CLASSES: Record<string, string> = {
  Lower: '[a-z]',
  Upper: '[A-Z]',
  Alpha: '[a-zA-Z]',
  Digit: '[0-9]',
  Alnum: '[a-zA-Z0-9]',
  Punct: '[!-\\/:-@\\[-`{-~]',
  Space: '[ \\t\\n\\x0B\\f\\r]',
  XDigit: '[0-9a-fA-F]',
};

/** A Java pattern as a JavaScript `RegExp`, with extra flags (`g` for all matches). */
function javaRegExp(pattern: string, extraFlags = ''): RegExp {
  const { source, flags } = translate(pattern);
  return new RegExp(source, flags + extraFlags);
}

/** Java's replacement text for one match: `$n` and `${name}` are groups, `\x` is `x`. */
function expand(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let index = 0; index < replacement.length; index++) {
    const char = replacement[index]!;
    if (char === '\\') {
      index++;
      if (index >= replacement.length) throw new Error('character to be escaped is missing');
      out += replacement[index];
    } else if (char === '$') {
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(index + 1));
      if (named) {
        out += match.groups?.[named[1]!] ?? '';
        index += named[0].length;
        continue;
      }
      const digits = /^\d+/.exec(replacement.slice(index + 1))?.[0];
      if (!digits) throw new Error(`Illegal group reference in "${replacement}"`);
      // Java reads as many digits as still name a group of the pattern.
      let group = digits.slice(0, 1);
      for (const digit of digits.slice(1)) if (Number(group + digit) < match.length) group += digit;
      if (Number(group) >= match.length) throw new Error(`No group ${group}`);
      out += match[Number(group)] ?? '';
      index += group.length;
    } else out += char;
  }
  return out;
}

/** `String.replaceAll(regex, replacement)` and `replaceFirst`. */
export function javaReplace(text: string, pattern: string, replacement: string, all: boolean): string {
  const regex = javaRegExp(pattern, 'g');
  let out = '';
  let last = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    out += text.slice(last, match.index) + expand(replacement, match);
    last = match.index + match[0].length;
    if (match[0].length === 0) regex.lastIndex++;
    if (!all) break;
  }
  return out + text.slice(last);
}

/** `String.matches(regex)`: the whole text matches. */
export function javaMatches(text: string, pattern: string): boolean {
  const { source, flags } = translate(pattern);
  return new RegExp(`^(?:${source})$`, flags).test(text);
}

/** `String.split(regex)`: no leading empty piece for a zero-width match at 0, trailing empty pieces dropped. */
export function javaSplit(text: string, pattern: string): string[] {
  if (text === '') return [''];
  const regex = javaRegExp(pattern, 'g');
  const pieces: string[] = [];
  let last = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      if (match.index === 0 || match.index >= text.length) continue;
    }
    pieces.push(text.slice(last, match.index));
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  while (pieces.length > 1 && pieces.at(-1) === '') pieces.pop();
  return pieces;
}
