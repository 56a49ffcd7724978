import jsyaml from 'js-yaml';
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, visit } from 'yaml';
import type { Locator, PathSegment, Position } from '../core/source.js';

/** One non-empty document of a YAML stream, with a locator for its keys. */
export interface YamlDocument {
  /** Ordinal among the non-empty documents of the file. */
  readonly index: number;
  readonly value: unknown;
  readonly locator: Locator;
}

export interface YamlIssue extends Position {
  readonly message: string;
}

export interface YamlStream {
  readonly documents: readonly YamlDocument[];
  readonly issues: readonly YamlIssue[];
}

/**
 * Where the keys of one mapping start, as `[key, line, column, key, line, column, …]`, or the
 * items of one sequence, as `[line, column, …]`.
 */
export type NodePositions = readonly (string | number)[];

/**
 * A parsed stream as plain data: values, positions and issues, with no functions, so that it can
 * cross to a worker thread or into the cache (structured clone keeps the identity of the value
 * objects that key `positions`). `locateStream` turns it into a YamlStream.
 */
export interface YamlStreamData {
  readonly documents: readonly { readonly value: unknown; readonly line: number; readonly column: number }[];
  readonly positions: ReadonlyMap<object, NodePositions>;
  readonly issues: readonly YamlIssue[];
}

/** js-yaml's core schema plus merge keys (`<<`), as Kubernetes and CI files use them; no timestamps. */
const MERGE_TYPE = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
const FAST_SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [MERGE_TYPE] });

/** Above this many aliases a stream takes the guarded path, which limits alias expansion. */
const ALIAS_GUARD = 1000;
const MAX_ALIAS_COUNT = 100;
/** Above this many nodes once aliases are expanded, a document is refused. */
const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Parses a multi-document YAML (or JSON) stream, every key located.
 *
 * @example parseYamlStream('a: 1\n---\nb: 2\n').documents.length // 2
 */
export function parseYamlStream(text: string): YamlStream {
  return locateStream(readYamlStream(text));
}

/**
 * Parses a stream into plain data. Fast path: js-yaml, whose parse events give the line and
 * column of every key and item in the same pass. A stream that js-yaml rejects is parsed again,
 * document by document, with `yaml`, so that one malformed document does not lose the others and
 * each problem is reported at its line.
 */
export function readYamlStream(text: string): YamlStreamData {
  const aliases = countAliases(text);
  if (aliases <= ALIAS_GUARD) {
    try {
      const fast = readFast(text);
      // Aliases share nodes; a document whose expansion is huge (a "billion laughs") takes the guarded path.
      if (aliases > 0 && fast.documents.some((document) => expandedSize(document.value) > MAX_EXPANDED_NODES))
        throw new Error('alias bomb');
      return fast;
    } catch {
      // Fall through to the document-by-document path, which reports each problem.
    }
  }
  return readGuarded(text);
}

/** A YamlStream over parsed data: each document's locator answers from the recorded positions. */
export function locateStream(data: YamlStreamData): YamlStream {
  return {
    documents: data.documents.map((document, index) => ({
      index,
      value: document.value,
      locator: { locate: (path: readonly PathSegment[]) => locateIn(data.positions, document, path) },
    })),
    issues: data.issues,
  };
}

interface OpenNode {
  /** Offset of the node's start in the text. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  result: unknown;
  children: OpenNode[] | null;
}

/**
 * js-yaml reports an `open` event when it starts a node (at the node's first character for keys,
 * sequence items and document roots) and a `close` event with the node's value. Keeping the
 * open nodes on a stack gives each mapping its keys' positions and each sequence its items'.
 */
function readFast(text: string): YamlStreamData {
  const positions = new Map<object, NodePositions>();
  const stack: OpenNode[] = [];
  const roots: OpenNode[] = [];
  const listener = (event: string, state: { line: number; position: number; lineStart: number; result: unknown }) => {
    if (event === 'open') {
      stack.push({
        offset: state.position,
        line: state.line + 1,
        column: state.position - state.lineStart + 1,
        result: undefined,
        children: null,
      });
      return;
    }
    const node = stack.pop();
    if (node === undefined) return;
    const result = state.result;
    node.result = result;
    if (node.children !== null && typeof result === 'object' && result !== null && !positions.has(result)) {
      positions.set(result, childPositions(text, result, node.children));
    }
    node.children = null;
    const parent = stack[stack.length - 1];
    if (parent === undefined) roots.push(node);
    else if (parent.children === null) parent.children = [node];
    else parent.children.push(node);
  };
  jsyaml.loadAll(text, undefined, { schema: FAST_SCHEMA, listener } as jsyaml.LoadOptions);
  const documents = roots
    .filter((root) => isPresent(root.result))
    .map((root) => ({ value: root.result, line: root.line, column: root.column }));
  return { documents, positions, issues: [] };
}

function childPositions(text: string, result: object, children: readonly OpenNode[]): NodePositions {
  const flat: (string | number)[] = [];
  if (Array.isArray(result)) {
    for (const child of children) flat.push(child.line, child.column);
    return flat;
  }
  for (const child of children) {
    if (isMappingValue(text, child.offset)) continue;
    const name = typeof child.result === 'string' ? child.result : String(child.result);
    // A key that is not in the result was a discarded attempt (or a merge key, `<<`).
    if (!Object.hasOwn(result, name)) continue;
    // An explicit key (`? key`) opens at the space after the `?`.
    let offset = child.offset;
    while (text.charCodeAt(offset) === 32) offset += 1;
    flat.push(name, child.line, child.column + offset - child.offset);
  }
  return flat;
}

/** A mapping's value node opens after its `:` (and the spaces after it); a key never does. */
function isMappingValue(text: string, offset: number): boolean {
  let before = offset - 1;
  while (before >= 0 && (text.charCodeAt(before) === 32 || text.charCodeAt(before) === 9)) before -= 1;
  return text.charCodeAt(before) === 58;
}

function locateIn(
  positions: ReadonlyMap<object, NodePositions>,
  document: YamlStreamData['documents'][number],
  path: readonly PathSegment[],
): Position {
  let node: unknown = document.value;
  let line = document.line;
  let column = document.column;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) break;
    const flat = positions.get(node);
    if (flat === undefined) break;
    let at = -1;
    if (Array.isArray(node)) {
      if (typeof segment !== 'number' || segment * 2 + 1 >= flat.length) break;
      at = segment * 2;
    } else {
      const name = String(segment);
      for (let index = 0; index < flat.length; index += 3) {
        if (flat[index] === name) {
          at = index + 1;
          break;
        }
      }
      if (at === -1) break;
    }
    line = flat[at] as number;
    column = flat[at + 1] as number;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return { line, column };
}

interface PositionedDocument {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Lines before the chunk the document was parsed from. */
  readonly lineOffset: number;
}

const MARKER_LINE = /^(---|\.\.\.)(\s|$)/;

/**
 * Parses with `yaml`, one chunk per document. A line starting with `---` always starts a new
 * document in valid YAML, so cutting the text there first means that a document broken by, say,
 * an unclosed quote cannot swallow the documents after it.
 */
function readGuarded(text: string): YamlStreamData {
  const documents: { value: unknown; line: number; column: number }[] = [];
  const positions = new Map<object, NodePositions>();
  const issues: YamlIssue[] = [];
  for (const chunk of splitDocuments(text)) {
    const lineCounter = new LineCounter();
    const parsed = parseAllDocuments(chunk.text, {
      lineCounter,
      merge: true,
      prettyErrors: false,
      // Problems become parse issues; nothing goes to the process's warnings.
      logLevel: 'error',
    });
    for (const document of Array.isArray(parsed) ? parsed : []) {
      const error = document.errors[0];
      if (error !== undefined) {
        const at = lineCounter.linePos(errorOffset(chunk.text, error.code, error.message, error.pos[0]));
        const line = at.line + chunk.lineOffset;
        const start = lineCounter.linePos(rangeStart(document.contents) ?? document.range[0]).line + chunk.lineOffset;
        const context = start < line ? ` (in the document that starts on line ${start})` : '';
        issues.push({ line, column: at.col, message: `${firstLine(error.message)}${context}; document skipped.` });
        continue;
      }
      if (isEmpty(document)) continue;
      const positioned = { document, lineCounter, lineOffset: chunk.lineOffset };
      const root = positionOf(positioned, rangeStart(document.contents) ?? document.range[0]);
      try {
        const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        recordPositions(positioned, document.contents, value, positions);
        documents.push({ value, ...root });
      } catch (error) {
        const at = positionOf(positioned, unresolvedAliasOffset(document) ?? document.range[0]);
        issues.push({ ...at, message: `${firstLine(String(error))}; document skipped.` });
      }
    }
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { documents, positions, issues };
}

/** Walks a `yaml` node and the value made of it side by side, recording where keys and items start. */
function recordPositions(
  positioned: PositionedDocument,
  start: unknown,
  startValue: unknown,
  positions: Map<object, NodePositions>,
): void {
  const pending: [unknown, unknown][] = [[start, startValue]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    let [node, value] = next;
    if (typeof value !== 'object' || value === null || positions.has(value)) continue;
    if (isAlias(node)) node = node.resolve(positioned.document);
    const flat: (string | number)[] = [];
    if (isMap(node) && !Array.isArray(value) && !(value instanceof Map)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (!Object.hasOwn(value, name)) continue;
        const at = positionOf(positioned, rangeStart(pair.key) ?? 0);
        flat.push(name, at.line, at.column);
        pending.push([pair.value, (value as Record<string, unknown>)[name]]);
      }
    } else if (isSeq(node) && Array.isArray(value)) {
      node.items.forEach((item, index) => {
        const at = positionOf(positioned, rangeStart(item) ?? 0);
        flat.push(at.line, at.column);
        pending.push([item, value[index]]);
      });
    } else {
      continue;
    }
    positions.set(value, flat);
  }
}

function positionOf(positioned: PositionedDocument, offset: number): Position {
  const at = positioned.lineCounter.linePos(offset);
  return { line: at.line + positioned.lineOffset, column: at.col };
}

function splitDocuments(text: string): { text: string; lineOffset: number }[] {
  const lines = text.split(/\r?\n/);
  const chunks: { text: string; lineOffset: number }[] = [];
  let start = 0;
  const flush = (end: number) => {
    const body = lines.slice(start, end);
    if (
      body.some(
        (line) =>
          line.trim() !== '' && !line.trimStart().startsWith('#') && !MARKER_LINE.test(line) && !line.startsWith('%'),
      )
    ) {
      chunks.push({ text: body.join('\n'), lineOffset: start });
    } else if (body.some((line) => line.startsWith('%'))) {
      return; // directives belong to the next document: keep them in its chunk
    }
    start = end;
  };
  lines.forEach((line, index) => {
    if (index > start && line.startsWith('---') && MARKER_LINE.test(line)) flush(index);
  });
  flush(lines.length);
  return chunks;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

/** Node count of a value with aliases expanded, computed over shared nodes once each; stops past the limit. */
function expandedSize(root: unknown): number {
  const sizes = new Map<object, number>();
  const visit = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    sizes.set(value, Number.POSITIVE_INFINITY); // a cycle counts as unbounded
    let size = 1;
    for (const child of Object.values(value)) {
      size += visit(child);
      if (size > MAX_EXPANDED_NODES) break;
    }
    sizes.set(value, size);
    return size;
  };
  return visit(root);
}

function isEmpty(document: Document.Parsed): boolean {
  const contents = document.contents;
  return contents === null || (isScalar(contents) && contents.value === null);
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function countAliases(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/(^|[\s[{,:-])\*[^\s,\]}]/g)) count += 1;
  return count;
}

/**
 * Messages of the `yaml` library that quote the file after these words; the quote is cut, since
 * the broken line may hold a secret (a report gives file and line, never the text).
 */
const QUOTING_MESSAGES =
  /^(Could not resolve tag|Not a valid tag|Unresolved tag|Tag \S+ not found|Invalid escape sequence|Block scalar header includes extra characters|Ordered maps must not include duplicate keys|Unknown directive|Unsupported YAML version|Unresolved plain scalar|Plain value cannot start with|Unresolved alias|Unexpected (?!(?:\w|-)+ (?:token|at node end)\b))/;

/**
 * Where to report a `yaml` error: an unclosed quote is reported by `yaml` where the text ends;
 * the quote that opens it is the line to fix.
 */
function errorOffset(text: string, code: string, message: string, offset: number): number {
  const quote = code === 'MISSING_CHAR' ? /^Missing closing (["'])quote/.exec(message)?.[1] : undefined;
  if (quote === undefined) return offset;
  for (let at = Math.min(offset, text.length) - 1; at >= 0; at -= 1) {
    if (text[at] === quote && (quote === "'" || text[at - 1] !== '\\')) return at;
  }
  return offset;
}

/** The first alias of a document whose anchor is not defined before it, if any. */
function unresolvedAliasOffset(document: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_, node) {
      if (node.resolve(document) !== undefined) return undefined;
      offset = rangeStart(node);
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(message: string): string {
  // A stack overflow in the parser: say what it means for the file.
  if (message.includes('Maximum call stack size exceeded')) return 'The YAML is nested too deeply to read';
  const line = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
  const quoting = QUOTING_MESSAGES.exec(line);
  return quoting === null ? line : (quoting[1] ?? line).replace(/:$/, '').trim();
}
