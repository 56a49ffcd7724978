import type { Node } from 'web-tree-sitter';
import type { Position } from '../core/source.js';

/**
 * A small syntax tree for HCL expressions, made from tree-sitter's concrete tree: enough to turn
 * literals into values and to evaluate the simple expressions Terraform configurations use
 * (references, interpolation, conditionals, a few functions). Anything else is kept as text.
 */
export type HclSyntax =
  | HclLiteral
  | HclTuple
  | HclObject
  | HclTemplate
  | HclVariable
  | HclTraversal
  | HclCall
  | HclConditional
  | HclUnary
  | HclBinary
  | HclOther;

interface SyntaxBase {
  /** The expression as written. */
  readonly text: string;
  readonly position: Position;
}

export interface HclLiteral extends SyntaxBase {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
}

export interface HclTuple extends SyntaxBase {
  readonly kind: 'tuple';
  readonly items: readonly HclSyntax[];
}

export interface HclObjectEntry {
  /** The key when it is a name or a literal string; undefined when it is an expression. */
  readonly key: string | undefined;
  readonly keySyntax: HclSyntax;
  readonly value: HclSyntax;
  readonly position: Position;
}

export interface HclObject extends SyntaxBase {
  readonly kind: 'object';
  readonly entries: readonly HclObjectEntry[];
}

/** A string with interpolations: literal parts and `${…}` expressions, in order. */
export interface HclTemplate extends SyntaxBase {
  readonly kind: 'template';
  readonly parts: readonly (string | HclSyntax)[];
}

/** A bare name: `var`, `local`, `aws_subnet`, `each`. */
export interface HclVariable extends SyntaxBase {
  readonly kind: 'variable';
  readonly name: string;
}

export type HclStep =
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'index'; readonly key: HclSyntax }
  | { readonly kind: 'splat' };

/** A value followed by attribute accesses, indexes and splats: `var.zones[0]`, `aws_subnet.a[*].id`. */
export interface HclTraversal extends SyntaxBase {
  readonly kind: 'traversal';
  readonly base: HclSyntax;
  readonly steps: readonly HclStep[];
}

export interface HclCall extends SyntaxBase {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly HclSyntax[];
  /** The last argument is expanded (`f(list...)`). */
  readonly expandFinal: boolean;
}

export interface HclConditional extends SyntaxBase {
  readonly kind: 'conditional';
  readonly condition: HclSyntax;
  readonly whenTrue: HclSyntax;
  readonly whenFalse: HclSyntax;
}

export interface HclUnary extends SyntaxBase {
  readonly kind: 'unary';
  readonly operator: string;
  readonly operand: HclSyntax;
}

export interface HclBinary extends SyntaxBase {
  readonly kind: 'binary';
  readonly operator: string;
  readonly left: HclSyntax;
  readonly right: HclSyntax;
}

/** `for` expressions, template directives, anything this layer does not interpret. */
export interface HclOther extends SyntaxBase {
  readonly kind: 'other';
}

const EXPRESSION = Symbol('hcl-expression');

/** A value that is not a literal: kept as its text and syntax, to be evaluated or shown. */
export interface HclExpression {
  readonly [EXPRESSION]: HclSyntax;
  readonly text: string;
}

/** What an attribute holds: literals as JS values, anything else as an expression. */
export type HclValue =
  | string
  | number
  | boolean
  | null
  | readonly HclValue[]
  | { readonly [key: string]: HclValue }
  | HclExpression;

export function isExpression(value: unknown): value is HclExpression {
  return typeof value === 'object' && value !== null && EXPRESSION in value;
}

export function expressionSyntax(expression: HclExpression): HclSyntax {
  return expression[EXPRESSION];
}

/** The string key that stands for the expression symbol where symbols are lost (a worker message, the cache). */
const ENCODED_EXPRESSION = '\u0000hcl-expression';

/**
 * A copy of a parsed HCL structure that survives structured cloning: each expression's symbol
 * becomes a string key. `decodeExpressions` undoes it.
 */
export function encodeExpressions<T>(value: T): T {
  return mapDeep(value, (item) =>
    isExpression(item) ? { [ENCODED_EXPRESSION]: encodeExpressions(item[EXPRESSION]), text: item.text } : undefined,
  ) as T;
}

export function decodeExpressions<T>(value: T): T {
  return mapDeep(value, (item) => {
    if (typeof item !== 'object' || item === null || !Object.hasOwn(item, ENCODED_EXPRESSION)) return undefined;
    return asExpression(decodeExpressions((item as { readonly [ENCODED_EXPRESSION]: HclSyntax })[ENCODED_EXPRESSION]));
  }) as T;
}

/** Copies arrays, Maps and plain objects, letting `replace` answer for any node first. */
function mapDeep(value: unknown, replace: (item: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, replace));
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, mapDeep(item, replace)]));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapDeep(item, replace)]));
  return value;
}

/** Literals become JS values; a tuple or object becomes a JS array or object of values. */
export function toValue(syntax: HclSyntax): HclValue {
  switch (syntax.kind) {
    case 'literal':
      return syntax.value;
    case 'tuple':
      return syntax.items.map(toValue);
    case 'object': {
      if (syntax.entries.some((entry) => entry.key === undefined)) return asExpression(syntax);
      return Object.fromEntries(syntax.entries.map((entry) => [entry.key ?? '', toValue(entry.value)]));
    }
    default:
      return asExpression(syntax);
  }
}

function asExpression(syntax: HclSyntax): HclExpression {
  return { [EXPRESSION]: syntax, text: syntax.text };
}

const BINARY_OPERATORS = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%']);

/** 1-based position of a tree-sitter node's start. */
export function positionOf(node: Node): Position {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/**
 * Converts an attribute's expression into syntax. A value that tree-sitter had to repair (a
 * missing token, skipped text) is not trusted: it is kept as text only. Deeply nested values
 * are cut at `MAX_DEPTH`.
 */
export function expressionToSyntax(node: Node, source: string): HclSyntax {
  if (node.hasError) return other({ text: source.slice(node.startIndex, node.endIndex), position: positionOf(node) });
  return toSyntax(node, source);
}

/** Values nested deeper than this are kept as text: real configurations stay far below it. */
const MAX_DEPTH = 64;
let depth = 0;

/** Converts one tree-sitter expression node (or term) into syntax. */
export function toSyntax(node: Node, source: string): HclSyntax {
  depth += 1;
  try {
    return convert(node, source);
  } finally {
    depth -= 1;
  }
}

function convert(node: Node, source: string): HclSyntax {
  const base = { text: source.slice(node.startIndex, node.endIndex), position: positionOf(node) };
  if (depth > MAX_DEPTH) return other(base);
  switch (node.type) {
    case 'expression':
      return sequence(node.children, source, base);
    case 'operation':
    case 'template_expr':
    case 'collection_value': {
      const inner = node.namedChildren[0];
      return inner === undefined ? other(base) : toSyntax(inner, source);
    }
    case 'literal_value':
      return literal(node, source, base);
    case 'string_lit':
      return { kind: 'literal', value: quotedLiteral(node, source), ...base };
    case 'quoted_template':
      return quotedTemplate(node, source, base);
    case 'heredoc_template':
      return heredoc(node, source, base);
    case 'tuple':
      return {
        kind: 'tuple',
        items: node.namedChildren.filter((child) => child.type === 'expression').map((item) => toSyntax(item, source)),
        ...base,
      };
    case 'object':
      return object(node, source, base);
    case 'variable_expr':
      return { kind: 'variable', name: node.namedChildren[0]?.text ?? node.text, ...base };
    case 'function_call':
      return call(node, source, base);
    case 'conditional':
      return conditional(node, source, base);
    case 'unary_operation': {
      const [operator, ...operand] = node.children;
      return { kind: 'unary', operator: operator?.type ?? '', operand: sequence(operand, source, base), ...base };
    }
    case 'binary_operation':
      return binary(node, source, base);
    default:
      return other(base);
  }
}

function other(base: SyntaxBase): HclOther {
  return { kind: 'other', ...base };
}

/** A term and its postfix accesses, as tree-sitter lays them out side by side. */
function sequence(nodes: readonly Node[], source: string, base: SyntaxBase): HclSyntax {
  let index = 0;
  let term: HclSyntax;
  const first = nodes[0];
  if (first === undefined) return other(base);
  if (first.type === '(') {
    const inner = nodes[1];
    term = inner === undefined ? other(base) : toSyntax(inner, source);
    index = 3;
  } else {
    term = toSyntax(first, source);
    index = 1;
  }
  const steps: HclStep[] = [];
  for (const node of nodes.slice(index)) {
    if (node.type === 'ERROR' || node.isMissing) return other(base);
    steps.push(...stepsOf(node, source));
  }
  return steps.length === 0 ? term : { kind: 'traversal', base: term, steps, ...base };
}

function stepsOf(node: Node, source: string): HclStep[] {
  switch (node.type) {
    case 'get_attr':
      return [{ kind: 'attribute', name: node.namedChildren[0]?.text ?? '' }];
    case 'index': {
      const inner = node.namedChildren[0];
      if (inner?.type === 'legacy_index') {
        const digits = /\d+/.exec(inner.text)?.[0] ?? '0';
        return [{ kind: 'index', key: { kind: 'literal', value: Number(digits), ...syntaxBase(inner, source) } }];
      }
      const key = inner?.namedChildren.find((child) => child.type === 'expression');
      return key === undefined ? [{ kind: 'splat' }] : [{ kind: 'index', key: toSyntax(key, source) }];
    }
    case 'splat': {
      const inner = node.namedChildren[0];
      return [{ kind: 'splat' }, ...(inner?.namedChildren ?? []).flatMap((child) => stepsOf(child, source))];
    }
    default:
      return [];
  }
}

function syntaxBase(node: Node, source: string): SyntaxBase {
  return { text: source.slice(node.startIndex, node.endIndex), position: positionOf(node) };
}

function literal(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const inner = node.namedChildren[0];
  switch (inner?.type) {
    case 'numeric_lit':
      return { kind: 'literal', value: Number(inner.text), ...base };
    case 'bool_lit':
      return { kind: 'literal', value: inner.text === 'true', ...base };
    case 'null_lit':
      return { kind: 'literal', value: null, ...base };
    case 'string_lit':
      return { kind: 'literal', value: quotedLiteral(inner, source), ...base };
    default:
      return other(base);
  }
}

/** The value of a quoted string without interpolation. */
function quotedLiteral(node: Node, source: string): string {
  const start = node.children[0];
  const end = node.children[node.children.length - 1];
  if (start === undefined || end === undefined) return '';
  const from = start.type === 'quoted_template_start' ? start.endIndex : node.startIndex;
  const to = end.type === 'quoted_template_end' ? end.startIndex : node.endIndex;
  return unescapeQuoted(source.slice(from, to));
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Resolves HCL's escapes in a quoted string: `\n`, `\"`, `\uNNNN`, and `$${` / `%%{`. */
export function unescapeQuoted(raw: string): string {
  return raw
    .replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (match, sequence: string) => {
      if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
      return SIMPLE_ESCAPES[sequence] ?? match;
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

function unescapeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function quotedTemplate(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const children = node.children;
  const start = children[0];
  const end = children[children.length - 1];
  const from = start?.type === 'quoted_template_start' ? start.endIndex : node.startIndex;
  const to = end?.type === 'quoted_template_end' ? end.startIndex : node.endIndex;
  return template(children, from, to, source, base, unescapeQuoted, undefined);
}

function heredoc(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const children = node.children;
  const identifiers = children.filter((child) => child.type === 'heredoc_identifier');
  const open = identifiers[0];
  const close = identifiers[1];
  if (open === undefined || close === undefined || close.isMissing) return other(base);
  const lineBreak = source.indexOf('\n', open.endIndex);
  const from = lineBreak === -1 || lineBreak > close.startIndex ? close.startIndex : lineBreak + 1;
  const closingLine = source.lastIndexOf('\n', close.startIndex - 1);
  const to = closingLine < from ? from : closingLine + 1;
  const indented = children.some((child) => child.type === 'heredoc_start' && child.text === '<<-');
  const indent = indented ? commonIndent(source.slice(from, to)) : 0;
  return template(children, from, to, source, base, unescapeHeredoc, indent);
}

function commonIndent(text: string): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    smallest = Math.min(smallest, /^[ \t]*/.exec(line)?.[0].length ?? 0);
  }
  return Number.isFinite(smallest) ? smallest : 0;
}

/** Cuts `from..to` at each interpolation; a directive (`%{ if }`) makes the whole template opaque. */
function template(
  children: readonly Node[],
  from: number,
  to: number,
  source: string,
  base: SyntaxBase,
  decode: (raw: string) => string,
  indent: number | undefined,
): HclSyntax {
  const parts: (string | HclSyntax)[] = [];
  let cursor = from;
  let atLineStart = true;
  const pushText = (raw: string) => {
    let text = raw;
    if (indent !== undefined && indent > 0) {
      text = raw
        .split('\n')
        .map((line, index) => (index === 0 && !atLineStart ? line : line.slice(Math.min(indent, leading(line)))))
        .join('\n');
    }
    if (raw !== '') atLineStart = raw.endsWith('\n');
    if (text !== '') parts.push(decode(text));
  };
  for (const child of children) {
    if (child.startIndex < from || child.endIndex > to) continue;
    if (child.type === 'template_directive') return other(base);
    if (child.type !== 'template_interpolation') continue;
    pushText(source.slice(cursor, child.startIndex));
    const expression = child.namedChildren.find((inner) => inner.type === 'expression');
    parts.push(expression === undefined ? other(syntaxBase(child, source)) : toSyntax(expression, source));
    atLineStart = false;
    cursor = child.endIndex;
  }
  pushText(source.slice(cursor, to));
  if (parts.every((part) => typeof part === 'string')) {
    return { kind: 'literal', value: parts.join(''), ...base };
  }
  return { kind: 'template', parts, ...base };
}

function leading(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

function object(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const entries: HclObjectEntry[] = [];
  for (const element of node.namedChildren) {
    if (element.type !== 'object_elem') continue;
    const [keyNode, valueNode] = element.namedChildren.filter((child) => child.type === 'expression');
    if (keyNode === undefined || valueNode === undefined) continue;
    const keySyntax = toSyntax(keyNode, source);
    const key =
      keySyntax.kind === 'variable'
        ? keySyntax.name
        : keySyntax.kind === 'literal' && typeof keySyntax.value === 'string' && !keyNode.text.startsWith('(')
          ? keySyntax.value
          : undefined;
    entries.push({ key, keySyntax, value: toSyntax(valueNode, source), position: positionOf(element) });
  }
  return { kind: 'object', entries, ...base };
}

function call(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const name = node.namedChildren.find((child) => child.type === 'identifier')?.text ?? '';
  const argumentsNode = node.namedChildren.find((child) => child.type === 'function_arguments');
  const args = (argumentsNode?.namedChildren ?? [])
    .filter((child) => child.type === 'expression')
    .map((child) => toSyntax(child, source));
  const expandFinal = (argumentsNode?.namedChildren ?? []).some((child) => child.type === 'ellipsis');
  return { kind: 'call', name, args, expandFinal, ...base };
}

/**
 * The grammar reads `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL means
 * `a ? b : (c ? d : e)`. The chain is unfolded and rebuilt to the right.
 */
function conditional(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const links: { readonly whenTrue: Node; readonly whenFalse: Node }[] = [];
  let current = node;
  let condition: Node | undefined;
  for (;;) {
    const [conditionNode, trueNode, falseNode] = current.namedChildren.filter((child) => child.type === 'expression');
    if (conditionNode === undefined || trueNode === undefined || falseNode === undefined) return other(base);
    links.unshift({ whenTrue: trueNode, whenFalse: falseNode });
    const inner = conditionNode.namedChildren[0];
    if (
      conditionNode.namedChildren.length === 1 &&
      inner?.type === 'conditional' &&
      !conditionNode.text.startsWith('(')
    ) {
      current = inner;
      continue;
    }
    condition = conditionNode;
    break;
  }
  const last = links[links.length - 1];
  if (last === undefined) return other(base);
  let result = toSyntax(last.whenFalse, source);
  for (let index = links.length - 1; index >= 1; index -= 1) {
    const link = links[index];
    const previous = links[index - 1];
    if (link === undefined || previous === undefined) return other(base);
    result = {
      kind: 'conditional',
      condition: toSyntax(previous.whenFalse, source),
      whenTrue: toSyntax(link.whenTrue, source),
      whenFalse: result,
      text: source.slice(previous.whenFalse.startIndex, node.endIndex),
      position: positionOf(previous.whenFalse),
    };
  }
  const first = links[0];
  if (first === undefined) return other(base);
  return {
    kind: 'conditional',
    condition: toSyntax(condition, source),
    whenTrue: toSyntax(first.whenTrue, source),
    whenFalse: result,
    ...base,
  };
}

function binary(node: Node, source: string, base: SyntaxBase): HclSyntax {
  const children = node.children;
  let depth = 0;
  let split = -1;
  children.forEach((child, index) => {
    if (split !== -1) return;
    if (child.type === '(') depth += 1;
    else if (child.type === ')') depth -= 1;
    else if (depth === 0 && index > 0 && !child.isNamed && BINARY_OPERATORS.has(child.type)) split = index;
  });
  const operator = children[split];
  if (split === -1 || operator === undefined) return other(base);
  const left = children.slice(0, split);
  const right = children.slice(split + 1);
  const sideBase = (nodes: readonly Node[]): SyntaxBase => {
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    if (first === undefined || last === undefined) return base;
    return { text: source.slice(first.startIndex, last.endIndex), position: positionOf(first) };
  };
  return {
    kind: 'binary',
    operator: operator.type,
    left: sequence(left, source, sideBase(left)),
    right: sequence(right, source, sideBase(right)),
    ...base,
  };
}
