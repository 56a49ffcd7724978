import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type ToStringOptions,
  visit,
  type YAMLMap,
} from 'yaml';
import type { Attestation } from './schema.js';

const ATTESTATION_KEYS = ['by', 'date', 'evidence', 'expires'] as const satisfies readonly (keyof Attestation)[];

/**
 * Adds or renews `attestations.<id>` in the text of a prodready.yaml and returns the new text.
 * Comments, key order and the formatting of everything else are kept: the file goes through the
 * `yaml` Document API, an existing entry is updated key by key (so its comments stay), and the
 * indentation style of the file is reused. The text must be valid YAML whose top level is a
 * mapping (or empty); callers validate it with `parseConfig` first.
 *
 * @example setAttestation('stage: launch\n', 'access-review', { by: 'Ana', date: '2025-01-31', evidence: 'https://…' })
 */
export function setAttestation(text: string, id: string, attestation: Attestation): string {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) throw new Error(`Not valid YAML: ${document.errors[0]?.message ?? ''}`);
  const options = stringifyOptionsOf(document, lineCounter, text);
  const entry = Object.fromEntries(
    ATTESTATION_KEYS.flatMap((key) => (attestation[key] === undefined ? [] : [[key, attestation[key]]])),
  );

  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    document.contents = document.createNode({ attestations: { [id]: entry } });
    return document.toString(options);
  }
  if (!isMap(document.contents)) throw new Error('The top level of prodready.yaml is not a mapping.');

  const attestations = document.get('attestations', true);
  if (attestations === undefined || (isScalar(attestations) && attestations.value === null)) {
    document.set('attestations', document.createNode({ [id]: entry }));
    return document.toString(options);
  }
  if (!isMap(attestations)) throw new Error('`attestations` in prodready.yaml is not a mapping.');

  const existing = attestations.get(id, true);
  if (isMap(existing)) {
    updateInPlace(existing, entry);
  } else {
    // An empty `attestations: {}` becomes a block mapping, so the new entry is written in block style.
    if (attestations.items.length === 0) attestations.flow = false;
    attestations.set(id, document.createNode(entry));
  }
  return document.toString(options);
}

/** Sets each key of `entry` in `map` where it already is, appends new ones, removes the rest. */
function updateInPlace(map: YAMLMap, entry: Readonly<Record<string, string>>): void {
  for (const pair of [...map.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(key in entry)) map.delete(pair.key);
  }
  for (const [key, value] of Object.entries(entry)) {
    const current = map.get(key, true);
    if (isScalar(current)) current.value = value;
    else map.set(key, value);
  }
}

/**
 * Options that write the document back the way it was written: its indentation, whether block
 * sequences are indented under their key, padding inside flow collections, and no line folding.
 */
function stringifyOptionsOf(document: Document, lineCounter: LineCounter, text: string): ToStringOptions {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  visit(document, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) return;
      const keyColumn = lineCounter.linePos(pair.key.range[0]).col;
      const value = pair.value;
      if ((isMap(value) || isSeq(value)) && !value.flow && value.range !== undefined && value.range !== null) {
        const first = value.items[0];
        const start = isPair(first) ? (isScalar(first.key) ? first.key.range?.[0] : undefined) : value.range[0];
        if (start === undefined) return;
        const at = lineCounter.linePos(start);
        if (at.line === lineCounter.linePos(pair.key.range[0]).line) return;
        const difference = at.col - keyColumn;
        if (isMap(value) && indent === undefined && difference > 0) indent = difference;
        if (isSeq(value) && indentSeq === undefined) indentSeq = difference > 0;
      }
      if (indent !== undefined && indentSeq !== undefined) return visit.BREAK;
      return undefined;
    },
  });
  const contentLines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const padded = contentLines.some((line) => /[[{] [^\s\]}]/.test(line));
  const unpadded = contentLines.some((line) => /[[{][^\s\]}]/.test(line));
  return {
    indent: indent ?? 2,
    indentSeq: indentSeq ?? true,
    flowCollectionPadding: padded || !unpadded,
    lineWidth: 0,
  };
}
