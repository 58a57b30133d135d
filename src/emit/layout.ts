/**
 * Lays out generated TypeScript the way Prettier (pinned version, fixed options: print width
 * 140 as in this repository, two spaces, single quotes, trailing commas) would, in one pass over small trees, so that
 * megabytes of output need no formatting pass. It covers only the shapes the generators emit,
 * and the test suite checks with Prettier that every output of every corpus document is
 * already formatted.
 */

export const PRINT_WIDTH = 140;

/** A TypeScript type, as generators build it. */
export type TypeTree =
  /** Text that never breaks: a name, keyword or literal. */
  | { kind: 'atom'; text: string }
  | { kind: 'union'; members: TypeTree[] }
  | { kind: 'intersection'; members: TypeTree[] }
  /** `T[]`. */
  | { kind: 'array'; element: TypeTree }
  /** `Name<A, B>`. */
  | { kind: 'generic'; name: string; args: TypeTree[] }
  /** `[A, B?, ...C[]]`: `rest` is the element type of the trailing elements. */
  | { kind: 'tuple'; elements: TupleElement[]; rest?: TypeTree }
  /**
   * An object type with at least one member: one member per line, or, when `soft`, on one
   * line if it fits (`{ petType: 'cat' }`).
   */
  | { kind: 'object'; members: TypeMember[]; soft?: boolean };

export interface TypeMember {
  /** Printed key: `name`, `'content-type'` or `[key: string]`. */
  key: string;
  optional?: boolean;
  /** JSDoc text, escaped when printed. */
  doc?: string;
  type: TypeTree;
}

/** One leading element of a tuple type. */
interface TupleElement {
  type: TypeTree;
  optional?: boolean;
}

export const atom = (text: string): TypeTree => ({ kind: 'atom', text });

/** Where a type is printed: its line's indentation, the column it starts at, and how many characters follow it on its last line. */
interface Place {
  indent: number;
  column: number;
  rest: number;
}

/** `export type Name = T;` (with a JSDoc comment when there is text). */
export function printTypeAlias(name: string, type: TypeTree, doc?: string): string {
  const head = `export type ${name} =`;
  const comment = doc ? `${jsDocComment(doc, 0)}\n` : '';
  const sameLine = printType(type, { indent: 0, column: head.length + 1, rest: 1 });
  if (sameLine.startsWith('\n')) return `${comment}${head}${sameLine};`;
  // Prettier's "fluid" assignment layout: break after `=` only when the first line cannot fit.
  const firstLine = sameLine.split('\n', 1)[0]!;
  const tail = sameLine.includes('\n') ? 0 : 1;
  if (head.length + 1 + firstLine.length + tail <= PRINT_WIDTH) return `${comment}${head} ${sameLine};`;
  return `${comment}${head}\n  ${printType(type, { indent: 2, column: 2, rest: 1 })};`;
}

/** `export interface Name { … }`. */
export function printInterface(name: string, members: readonly TypeMember[], doc?: string): string {
  const comment = doc ? `${jsDocComment(doc, 0)}\n` : '';
  return `${comment}export interface ${name} ${members.length === 0 ? '{}' : printMembers(members, 0)}`;
}

function printType(type: TypeTree, place: Place): string {
  const flat = flatText(type);
  if (flat !== undefined && place.column + flat.length + place.rest <= PRINT_WIDTH) return flat;
  switch (type.kind) {
    case 'atom':
      return type.text;
    case 'object':
      return printMembers(type.members, place.indent);
    case 'union':
      return printUnion(type.members, place, true);
    case 'intersection':
      return printIntersection(type.members, place);
    case 'array':
      return printArray(type.element, place);
    case 'generic':
      return printGeneric(type, place);
    case 'tuple':
      return printTuple(type, place);
  }
}

/** The one-line form, or undefined when the type must break (it holds an object). */
function flatText(type: TypeTree): string | undefined {
  switch (type.kind) {
    case 'atom':
      return type.text;
    case 'object':
      return type.soft ? flatObject(type.members) : undefined;
    case 'union':
    case 'intersection': {
      const parts: string[] = [];
      for (const member of type.members) {
        const text = flatText(member);
        if (text === undefined) return undefined;
        parts.push(needsParentheses(member, type.kind) ? `(${text})` : text);
      }
      return parts.join(type.kind === 'union' ? ' | ' : ' & ');
    }
    case 'array': {
      const text = flatText(type.element);
      if (text === undefined) return undefined;
      return needsParentheses(type.element, 'array') ? `(${text})[]` : `${text}[]`;
    }
    case 'generic': {
      const args: string[] = [];
      for (const arg of type.args) {
        const text = flatText(arg);
        if (text === undefined) return undefined;
        args.push(text);
      }
      return `${type.name}<${args.join(', ')}>`;
    }
    case 'tuple': {
      const parts: string[] = [];
      for (const element of type.elements) {
        const text = flatText(element.type);
        if (text === undefined) return undefined;
        parts.push(element.optional ? `${optionalParentheses(element.type) ? `(${text})` : text}?` : text);
      }
      if (type.rest) {
        const text = flatText({ kind: 'array', element: type.rest });
        if (text === undefined) return undefined;
        parts.push(`...${text}`);
      }
      return `[${parts.join(', ')}]`;
    }
  }
}

/** An optional tuple element of this type needs parentheses: `(A | B)?`. */
function optionalParentheses(type: TypeTree): boolean {
  return type.kind === 'union' || type.kind === 'intersection';
}

function flatObject(members: readonly TypeMember[]): string | undefined {
  const parts: string[] = [];
  for (const member of members) {
    const text = member.doc === undefined ? flatText(member.type) : undefined;
    if (text === undefined) return undefined;
    parts.push(`${member.key}${member.optional ? '?' : ''}: ${text}`);
  }
  return `{ ${parts.join('; ')} }`;
}

function needsParentheses(member: TypeTree, parent: 'union' | 'intersection' | 'array'): boolean {
  if (parent === 'array') return member.kind === 'union' || member.kind === 'intersection';
  return member.kind === 'union' || (member.kind === 'intersection' && parent === 'union');
}

function printMembers(members: readonly TypeMember[], indent: number): string {
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  const lines = members.map((member) => {
    const comment = member.doc ? `${pad}${jsDocComment(member.doc, inner)}\n` : '';
    const head = `${member.key}${member.optional ? '?' : ''}:`;
    const type = printType(member.type, { indent: inner, column: inner + head.length + 1, rest: 1 });
    return `${comment}${pad}${head}${type.startsWith('\n') ? '' : ' '}${type};`;
  });
  return `{\n${lines.join('\n')}\n${' '.repeat(indent)}}`;
}

/**
 * A union that does not fit where it starts. Prettier hugs `{ … } | null`. Otherwise, after a
 * colon or `=` (`indented`), it moves the union to the next line, one level deeper, and there
 * prints it on one line if it fits, else one member per line after `| `. Inside type arguments
 * and parentheses the union starts where it is.
 */
function printUnion(members: readonly TypeTree[], place: Place, indented: boolean): string {
  if (isHugged(members)) {
    return members.map((member) => (member.kind === 'object' ? printMembers(member.members, place.indent) : flatText(member))).join(' | ');
  }
  const indent = indented ? place.indent + 2 : place.indent;
  const pad = ' '.repeat(indent);
  const start = indented ? `\n${pad}` : '';
  const flat = flatText({ kind: 'union', members: [...members] });
  if (flat !== undefined && (indented ? indent : place.column) + flat.length + place.rest <= PRINT_WIDTH) return `${start}${flat}`;
  const lines = members.map((member, index) => {
    const parenthesized = needsParentheses(member, 'union') ? 1 : 0;
    const rest = (index === members.length - 1 ? place.rest : 0) + parenthesized;
    const text = printType(member, { indent: indent + 2, column: indent + 2 + parenthesized, rest });
    return `| ${parenthesized ? `(${text})` : text}`;
  });
  return `${start}${lines.join(`\n${pad}`)}`;
}

/** `{ … } | null`: one object and nulls, which Prettier keeps together. */
function isHugged(members: readonly TypeTree[]): boolean {
  const nulls = members.filter((member) => member.kind === 'atom' && member.text === 'null').length;
  return nulls === members.length - 1 && members.some((member) => member.kind === 'object');
}

/** Prettier's intersection layout: names go on new lines, objects stay hugged to the `&` before them. */
function printIntersection(members: readonly TypeTree[], place: Place): string {
  let text = '';
  let wasIndented = false;
  members.forEach((member, index) => {
    const previous = members[index - 1];
    const print = (indent: number, column: number) => {
      const printed = printType(member, { indent, column, rest: 0 });
      return member.kind === 'union' ? `(${printed})` : printed;
    };
    const column = () => lastLineLength(text, place.column);
    if (!previous) text += print(place.indent, place.column);
    else if (previous.kind !== 'object' && member.kind !== 'object') {
      const pad = place.indent + 2;
      text += ` &\n${' '.repeat(pad)}${print(pad, pad)}`;
    } else if (previous.kind === 'object' && member.kind === 'object') {
      text += ` & ${print(wasIndented ? place.indent + 2 : place.indent, column() + 3)}`;
    } else {
      if (index > 1) wasIndented = true;
      text += ` & ${print(index > 1 ? place.indent + 2 : place.indent, column() + 3)}`;
    }
  });
  return text;
}

function printArray(element: TypeTree, place: Place): string {
  if (element.kind === 'union' && isHugged(element.members)) return `(${printUnion(element.members, place, false)})[]`;
  if (element.kind === 'union') {
    const indent = place.indent + 2;
    const members = printUnion(element.members, { indent, column: indent, rest: 0 }, false);
    return `(\n${' '.repeat(indent)}${members}\n${' '.repeat(place.indent)})[]`;
  }
  const text = printType(element, { ...place, rest: place.rest + 2 });
  return element.kind === 'intersection' ? `(${text})[]` : `${text}[]`;
}

/** Type arguments that do not fit: one per line, unions without their own indentation. */
function printGeneric(type: Extract<TypeTree, { kind: 'generic' }>, place: Place): string {
  const indent = place.indent + 2;
  const pad = ' '.repeat(indent);
  const args = type.args.map((arg, index) => {
    const rest = index < type.args.length - 1 ? 1 : 0;
    const flat = flatText(arg);
    if (flat !== undefined && indent + flat.length + rest <= PRINT_WIDTH) return flat;
    if (arg.kind === 'union') return printUnion(arg.members, { indent, column: indent, rest }, false);
    return printType(arg, { indent, column: indent, rest });
  });
  return `${type.name}<\n${pad}${args.join(`,\n${pad}`)}\n${' '.repeat(place.indent)}>`;
}

/** A tuple that does not fit on its line: one element per line, with a trailing comma. */
function printTuple(type: Extract<TypeTree, { kind: 'tuple' }>, place: Place): string {
  const indent = place.indent + 2;
  const pad = ' '.repeat(indent);
  const lines = type.elements.map((element) => {
    const wrap = element.optional && optionalParentheses(element.type);
    const text = printType(element.type, {
      indent,
      column: indent + (wrap ? 1 : 0),
      rest: (wrap ? 1 : 0) + (element.optional ? 1 : 0) + 1,
    });
    return `${pad}${wrap ? `(${text})` : text}${element.optional ? '?' : ''},`;
  });
  if (type.rest) lines.push(`${pad}...${printArray(type.rest, { indent, column: indent + 3, rest: 1 })},`);
  return `[\n${lines.join('\n')}\n${' '.repeat(place.indent)}]`;
}

function lastLineLength(text: string, startColumn: number): number {
  const newline = text.lastIndexOf('\n');
  return newline === -1 ? startColumn + text.length : text.length - newline - 1;
}

/** Code in place of a value, printed as it is: `new Blob(['...'])`, `process.env.API_KEY`. */
export class CodeValue {
  readonly code: string;
  constructor(code: string) {
    this.code = code;
  }
}

/**
 * A JSON-like value (with CodeValue leaves) as a JavaScript literal, laid out as Prettier prints
 * it: objects one property per line (each key an own property, `__proto__` included), arrays on
 * one line when they fit, else one item per line, or filled when they hold only numbers.
 */
export function printValue(value: unknown, indent: number, column: number, rest: number): string {
  if (value instanceof CodeValue) return value.code;
  if (value === null || typeof value !== 'object') return scalarLiteral(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = flatValue(value);
    if (flat !== undefined && !mustBreakArray(value) && column + flat.length + rest <= PRINT_WIDTH) return flat;
    if (value.length > 1 && value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
      return fillNumbers(value as number[], indent);
    }
    const inner = ' '.repeat(indent + 2);
    const items = value.map((item) => `${inner}${printValue(item, indent + 2, indent + 2, 1)},`);
    return `[\n${items.join('\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  // A `__proto__` key would set the object's prototype: computed, it is an own property.
  const lines = entries.map(([key, item]) => printProperty(key === '__proto__' ? "['__proto__']" : propertyKey(key), item, indent + 2));
  return `{\n${lines.join('\n')}\n${' '.repeat(indent)}}`;
}

/**
 * `key: value,` at an indentation. A string too long for the line moves to the next one, one
 * level deeper, unless the key is shorter than five characters (Prettier's "break after
 * operator" layout, which a short key does not gain enough from).
 */
export function printProperty(key: string, value: unknown, indent: number): string {
  const head = `${' '.repeat(indent)}${key}: `;
  if (typeof value === 'string' && key.length >= 5) {
    const literal = stringLiteral(value);
    if (head.length + literal.length + 1 > PRINT_WIDTH) return `${head.trimEnd()}\n${' '.repeat(indent + 2)}${literal},`;
  }
  return `${head}${printValue(value, indent, head.length, 1)},`;
}

/** The one-line form of a value, or undefined when it holds a non-empty object (always broken). */
function flatValue(value: unknown): string | undefined {
  if (value instanceof CodeValue) return value.code;
  if (value === null || typeof value !== 'object') return scalarLiteral(value);
  if (!Array.isArray(value)) return Object.keys(value).length === 0 ? '{}' : undefined;
  const items: string[] = [];
  for (const item of value) {
    const text = flatValue(item);
    if (text === undefined) return undefined;
    items.push(text);
  }
  return `[${items.join(', ')}]`;
}

/** Prettier breaks an array of several arrays that each have more than one element. */
function mustBreakArray(value: readonly unknown[]): boolean {
  return value.length > 1 && value.every((item) => Array.isArray(item) && item.length > 1);
}

/** Prettier fills arrays of numbers: as many per line as fit, each followed by a comma. */
function fillNumbers(values: readonly number[], indent: number): string {
  const pad = ' '.repeat(indent + 2);
  const lines: string[] = [];
  let line = '';
  for (const value of values) {
    const item = `${numberLiteral(value)},`;
    if (line !== '' && pad.length + line.length + 1 + item.length > PRINT_WIDTH) {
      lines.push(line);
      line = item;
    } else line = line === '' ? item : `${line} ${item}`;
  }
  lines.push(line);
  return `[\n${lines.map((text) => `${pad}${text}`).join('\n')}\n${' '.repeat(indent)}]`;
}

function scalarLiteral(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  return String(value);
}

/** A number as Prettier prints it: `1e21`, not `1e+21`. */
export function numberLiteral(value: number): string {
  return String(value).replace('e+', 'e');
}

/** Printable ASCII without quotes or backslashes: written as it is. */
const PLAIN = /^[ !#-&(-[\]-~]*$/;

/**
 * A string literal for any text, quoted as Prettier quotes it: single quotes unless the text
 * holds more single than double quotes. JSON escaping covers backslashes, quotes and line
 * breaks; U+2028/9 are escaped too.
 */
export function stringLiteral(text: string): string {
  // Most text has nothing to escape.
  if (PLAIN.test(text)) return `'${text}'`;
  const escaped = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  if (singles > doubles) return `"${escaped}"`;
  return `'${escaped.replace(/\\(.)/g, (match: string, char: string) => (char === '"' ? '"' : match)).replace(/'/g, "\\'")}'`;
}

/** A property key: bare when it is an identifier name (reserved words included), quoted otherwise. */
export function propertyKey(name: string): string {
  // ASCII names, nearly all of them, skip the slower Unicode-property expression.
  if (/^[A-Za-z$_][A-Za-z0-9$_]*$/.test(name)) return name;
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(name) ? name : stringLiteral(name);
}

/** A JSDoc comment for text from the document, at an indentation: `*\/` cannot end it early. */
export function jsDocComment(text: string, indent: number): string {
  const safe = (text.includes('*/') || text.includes('\r') ? text.replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n') : text).trim();
  if (!safe.includes('\n')) return `/** ${safe} */`;
  const pad = ' '.repeat(indent);
  const lines = safe.split('\n').map((line) => `${pad} * ${line}`.trimEnd());
  return `/**\n${lines.join('\n')}\n${pad} */`;
}
