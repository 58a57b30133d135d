/**
 * A Velocity (VTL) template that outputs `text` verbatim. In a template, `$` starts a reference,
 * `#` a directive or a comment (`##` drops the rest of the line) and `\` escapes either of
 * them; so each `$`, `#`, and `\` before them, is written as a reference to a variable holding
 * that character, set at the start. Only basic VTL is used (no `#[[…]]#` blocks), so API
 * Gateway's engine and any other read it the same way. Engines disagree on `\` inside string
 * literals, so the backslash comes from `$util.urlDecode`, which every API Gateway template has.
 */
export function vtlLiteral(text: string): string {
  const used = new Set<keyof typeof VARIABLES>();
  const escaped = text.replace(/\\+(?=[$#])|[$#]/g, (match) => {
    const name = match === '$' ? 'D' : match === '#' ? 'H' : 'B';
    used.add(name);
    return `\${${name}}`.repeat(match.length);
  });
  const sets = [...used].sort().map((name) => `#set($${name} = ${VARIABLES[name]})`);
  return sets.join('') + escaped;
}

const VARIABLES = { B: "$util.urlDecode('%5C')", D: "'$'", H: "'#'" } as const;
