import type { Node } from 'web-tree-sitter';
import type { Locator, PathSegment, Position } from '../core/source.js';
import { expressionToSyntax, type HclSyntax, type HclValue, positionOf, toSyntax, toValue } from './hcl-syntax.js';

/** `name = value` in a body, with the position of its name. */
export interface HclAttribute {
  readonly name: string;
  /** Literals as JS values; anything else as an expression (see `isExpression`). */
  readonly value: HclValue;
  readonly syntax: HclSyntax;
  readonly position: Position;
}

/** `type "label" … { body }`, positioned at its type. */
export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  readonly position: Position;
}

export interface HclBody {
  /** By name; a repeated name keeps its first definition, as HCL rejects the rest. */
  readonly attributes: ReadonlyMap<string, HclAttribute>;
  readonly blocks: readonly HclBlock[];
}

export const EMPTY_BODY: HclBody = { attributes: new Map(), blocks: [] };

/**
 * Blocks that only exist at the top of a file. After a syntax error, tree-sitter's recovery can
 * nest the blocks that follow inside the broken one; `readBody` lifts these back out.
 */
const TOP_LEVEL_BLOCKS = new Set([
  'resource',
  'module',
  'variable',
  'output',
  'locals',
  'provider',
  'terraform',
  'moved',
  'import',
  'removed',
]);

/**
 * Reads a `body` (or `config_file`) node; ERROR nodes inside are skipped. With `lifted`, nested
 * top-level blocks (see TOP_LEVEL_BLOCKS) are collected there instead of kept in place.
 */
export function readBody(node: Node | null | undefined, source: string, lifted?: HclBlock[]): HclBody {
  if (node === null || node === undefined || nesting >= MAX_NESTING) return EMPTY_BODY;
  nesting += 1;
  try {
    return readBodyNode(node, source, lifted);
  } finally {
    nesting -= 1;
  }
}

/** Blocks nested deeper than this are not read: real configurations stay far below it. */
const MAX_NESTING = 32;
let nesting = 0;

function readBodyNode(node: Node, source: string, lifted: HclBlock[] | undefined): HclBody {
  const attributes = new Map<string, HclAttribute>();
  const blocks: HclBlock[] = [];
  for (const child of node.namedChildren) {
    if (child.type === 'attribute') {
      const name = child.namedChildren[0];
      const expression = child.namedChildren.find((inner) => inner.type === 'expression');
      if (name === undefined || expression === undefined || attributes.has(name.text)) continue;
      const syntax = expressionToSyntax(expression, source);
      attributes.set(name.text, { name: name.text, value: toValue(syntax), syntax, position: positionOf(child) });
    } else if (child.type === 'block') {
      const block = readBlock(child, source, lifted);
      if (
        lifted !== undefined &&
        node.type === 'body' &&
        node.parent?.type === 'block' &&
        TOP_LEVEL_BLOCKS.has(block.type)
      ) {
        lifted.push(block);
      } else {
        blocks.push(block);
      }
    }
  }
  return { attributes, blocks };
}

function readBlock(node: Node, source: string, lifted: HclBlock[] | undefined): HclBlock {
  const children = node.namedChildren;
  const type = children[0]?.text ?? '';
  const labels: string[] = [];
  let body: Node | undefined;
  for (const child of children.slice(1)) {
    if (child.type === 'string_lit') {
      const syntax = toSyntax(child, source);
      labels.push(syntax.kind === 'literal' && typeof syntax.value === 'string' ? syntax.value : child.text);
    } else if (child.type === 'identifier') {
      labels.push(child.text);
    } else if (child.type === 'body') {
      body = child;
    }
  }
  return { type, labels, body: readBody(body, source, lifted), position: positionOf(node) };
}

/**
 * Finds a path in a file's body: block types with their labels (`resource`, type, name), then
 * nested block types (a number after one picks among repeated blocks), attribute names, and
 * object keys or list indexes inside an attribute's value. A missing part resolves to the
 * deepest part that exists.
 *
 * @example locate(['resource', 'aws_db_instance', 'main', 'multi_az']) // the multi_az line
 */
export function bodyLocator(body: HclBody): Locator {
  return {
    locate: (path) => resolveInBody(body, path, 0, { line: 1, column: 1 }).position,
  };
}

interface Resolution {
  readonly position: Position;
  readonly depth: number;
}

function resolveInBody(body: HclBody, path: readonly PathSegment[], index: number, fallback: Position): Resolution {
  const segment = path[index];
  if (segment === undefined || typeof segment === 'number') return { position: fallback, depth: index };
  const attribute = body.attributes.get(segment);
  if (attribute !== undefined) return resolveInValue(attribute.syntax, path, index + 1, attribute.position);
  const sameType = body.blocks.filter((block) => block.type === segment);
  const chosen = path[index + 1];
  if (typeof chosen === 'number' && sameType.every((block) => block.labels.length === 0)) {
    const block = sameType[chosen];
    if (block === undefined) return { position: fallback, depth: index };
    return resolveInBody(block.body, path, index + 2, block.position);
  }
  let best: Resolution = { position: fallback, depth: index };
  for (const block of sameType) {
    let consumed = index + 1;
    let matches = true;
    for (const label of block.labels) {
      const wanted = path[consumed];
      if (wanted === undefined) break;
      if (wanted !== label) {
        matches = false;
        break;
      }
      consumed += 1;
    }
    if (!matches) continue;
    const found = resolveInBody(block.body, path, consumed, block.position);
    const resolution = found.depth > consumed ? found : { position: block.position, depth: consumed };
    if (resolution.depth > best.depth) best = resolution;
  }
  return best;
}

function resolveInValue(
  syntax: HclSyntax,
  path: readonly PathSegment[],
  index: number,
  fallback: Position,
): Resolution {
  const segment = path[index];
  if (segment === undefined) return { position: fallback, depth: index };
  if (syntax.kind === 'object' && typeof segment === 'string') {
    const entry = syntax.entries.find((candidate) => candidate.key === segment);
    if (entry !== undefined) return resolveInValue(entry.value, path, index + 1, entry.position);
  }
  if (syntax.kind === 'tuple' && typeof segment === 'number') {
    const item = syntax.items[segment];
    if (item !== undefined) return resolveInValue(item, path, index + 1, item.position);
  }
  return { position: fallback, depth: index };
}
