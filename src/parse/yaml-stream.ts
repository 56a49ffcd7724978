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

  if (countAliases(text) <= ALIAS_GUARD) {
    try {
      const values = jsyaml.loadAll(text, undefined, { schema: FAST_SCHEMA }).filter(isPresent);
      const documents = values.map((value, index) => ({
        index,
        value,
        locator: {
          locate: (path: readonly PathSegment[]) => {
            const stream = positionedStream();
            const document = stream.documents[index];
            return document === undefined ? { line: 1, column: 1 } : locateIn(document, path, stream.lineCounter);
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

interface PositionedStream {
  readonly lineCounter: LineCounter;
  /** Non-empty documents, in order. */
  readonly documents: readonly Document.Parsed[];
  readonly issues: readonly YamlIssue[];
}

function parsePositioned(text: string): PositionedStream {
  const lineCounter = new LineCounter();
  const all = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false });
  const parsed = Array.isArray(all) ? all : [];
  const issues: YamlIssue[] = [];
  const documents: Document.Parsed[] = [];
  for (const document of parsed) {
    const error = document.errors[0];
    if (error !== undefined) {
      const at = lineCounter.linePos(error.pos[0]);
      issues.push({ line: at.line, column: at.col, message: firstLine(error.message) });
      continue;
    }
    if (isEmpty(document)) continue;
    documents.push(document);
  }
  return { lineCounter, documents, issues };
}

function parseGuarded(stream: PositionedStream): YamlStream {
  const documents: YamlDocument[] = [];
  const issues: YamlIssue[] = [...stream.issues];
  stream.documents.forEach((document) => {
    try {
      const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      documents.push({
        index: documents.length,
        value,
        locator: { locate: (path) => locateIn(document, path, stream.lineCounter) },
      });
    } catch (error) {
      const at = stream.lineCounter.linePos(document.range[0]);
      issues.push({ line: at.line, column: at.col, message: `${firstLine(String(error))}; document skipped.` });
    }
  });
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { documents, issues };
}

function locateIn(document: Document.Parsed, path: readonly PathSegment[], lineCounter: LineCounter): Position {
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
  return { line: position.line, column: position.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
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
