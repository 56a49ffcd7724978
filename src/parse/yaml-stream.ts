import jsyaml from 'js-yaml';
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { Locator, PathSegment, Position } from '../core/source.js';

/** One non-empty document of a YAML stream, with a lazy locator for its keys. */
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

/** js-yaml's core schema plus merge keys (`<<`), as Kubernetes and CI files use them; no timestamps. */
const MERGE_TYPE = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
const FAST_SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [MERGE_TYPE] });

/** Above this many aliases a stream takes the guarded path, which limits alias expansion. */
const ALIAS_GUARD = 1000;
const MAX_ALIAS_COUNT = 100;
/** Above this many nodes once aliases are expanded, a document is refused. */
const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Parses a multi-document YAML (or JSON) stream.
 *
 * Fast by default: values come from js-yaml, which keeps no positions. Positions are exact but
 * lazy: the first `locate` on a file parses it once more with `yaml` (which records ranges) and
 * keeps that parse for the file's other lookups. A stream that js-yaml rejects is parsed
 * document by document with `yaml`, so one malformed document does not lose the others.
 *
 * @example parseYamlStream('a: 1\n---\nb: 2\n').documents.length // 2
 */
export function parseYamlStream(text: string): YamlStream {
  let positioned: PositionedStream | undefined;
  const positionedStream = (): PositionedStream => {
    positioned ??= parsePositioned(text);
    return positioned;
  };

  const aliases = countAliases(text);
  if (aliases <= ALIAS_GUARD) {
    try {
      const values = jsyaml.loadAll(text, undefined, { schema: FAST_SCHEMA }).filter(isPresent);
      // Aliases share nodes; a document whose expansion is huge (a "billion laughs") takes the guarded path.
      if (aliases > 0 && values.some((value) => expandedSize(value) > MAX_EXPANDED_NODES))
        throw new Error('alias bomb');
      const documents = values.map((value, index) => ({
        index,
        value,
        locator: {
          locate: (path: readonly PathSegment[]) => {
            const stream = positionedStream();
            const document = stream.documents[index];
            return document === undefined ? { line: 1, column: 1 } : locateIn(document, path);
          },
        },
      }));
      return { documents, issues: [] };
    } catch {
      // Fall through to the document-by-document path, which reports each problem.
    }
  }
  return parseGuarded(positionedStream());
}

interface PositionedDocument {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Lines before the chunk the document was parsed from. */
  readonly lineOffset: number;
}

interface PositionedStream {
  /** Non-empty documents without errors, in order. */
  readonly documents: readonly PositionedDocument[];
  readonly issues: readonly YamlIssue[];
}

const MARKER_LINE = /^(---|\.\.\.)(\s|$)/;

/**
 * Parses with positions, one chunk per document. A line starting with `---` always starts a
 * new document in valid YAML, so cutting the text there first means that a document broken by,
 * say, an unclosed quote cannot swallow the documents after it.
 */
function parsePositioned(text: string): PositionedStream {
  const documents: PositionedDocument[] = [];
  const issues: YamlIssue[] = [];
  for (const chunk of splitDocuments(text)) {
    const lineCounter = new LineCounter();
    const parsed = parseAllDocuments(chunk.text, { lineCounter, merge: true, prettyErrors: false });
    for (const document of Array.isArray(parsed) ? parsed : []) {
      const error = document.errors[0];
      if (error !== undefined) {
        const at = lineCounter.linePos(error.pos[0]);
        const line = at.line + chunk.lineOffset;
        const start = lineCounter.linePos(rangeStart(document.contents) ?? document.range[0]).line + chunk.lineOffset;
        const context = start < line ? ` (in the document that starts on line ${start})` : '';
        issues.push({ line, column: at.col, message: `${firstLine(error.message)}${context}; document skipped.` });
        continue;
      }
      if (isEmpty(document)) continue;
      documents.push({ document, lineCounter, lineOffset: chunk.lineOffset });
    }
  }
  return { documents, issues };
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

function parseGuarded(stream: PositionedStream): YamlStream {
  const documents: YamlDocument[] = [];
  const issues: YamlIssue[] = [...stream.issues];
  for (const positioned of stream.documents) {
    try {
      const value = positioned.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      documents.push({
        index: documents.length,
        value,
        locator: { locate: (path) => locateIn(positioned, path) },
      });
    } catch (error) {
      const at = positioned.lineCounter.linePos(positioned.document.range[0]);
      issues.push({
        line: at.line + positioned.lineOffset,
        column: at.col,
        message: `${firstLine(String(error))}; document skipped.`,
      });
    }
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { documents, issues };
}

function locateIn(positioned: PositionedDocument, path: readonly PathSegment[]): Position {
  const { document, lineCounter, lineOffset } = positioned;
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? document.range[0];
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const position = lineCounter.linePos(offset);
  return { line: position.line + lineOffset, column: position.col };
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

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
