import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Position } from '../core/source.js';
import { type Config, configSchema } from './schema.js';

export const CONFIG_FILE_NAME = 'prodready.yaml';

export interface ConfigProblem {
  /** Dotted key path, e.g. `ignore[0].until`; '' for the whole file. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Where entries sit in the file, so reports can point at them. */
export interface ConfigLocations {
  readonly ignore: readonly Position[];
  readonly attestations: Readonly<Record<string, Position>>;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config; readonly locations: ConfigLocations }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/**
 * Parses and validates the text of a prodready.yaml. Every problem names its key path, its
 * line, the value found and what is accepted.
 *
 * @example parseConfig('stage: growth\nsla: 99.9\n').ok // true
 */
export function parseConfig(text: string): ConfigResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return { path: '', line: at.line, column: at.col, message: `not valid YAML: ${error.message.split('\n')[0]}` };
      }),
    };
  }
  const raw: unknown = document.toJS() ?? {};
  const result = configSchema.safeParse(raw);
  const locate = (path: readonly PropertyKey[]) => {
    let node: unknown = document.contents;
    let offset = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair === undefined) break;
        offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as { range?: [number, number, number] } | undefined;
        if (item === undefined) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const at = lineCounter.linePos(offset);
    return { line: at.line, column: at.col };
  };
  if (result.success) {
    const config = result.data;
    return {
      ok: true,
      config,
      locations: {
        ignore: config.ignore.map((_entry, index) => locate(['ignore', index])),
        attestations: Object.fromEntries(
          Object.keys(config.attestations).map((id) => [id, locate(['attestations', id])]),
        ),
      },
    };
  }
  const problems = result.error.issues.flatMap((issue) => describeIssue(issue, raw, locate));
  return { ok: false, problems };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  locate: (path: readonly PropertyKey[]) => { line: number; column: number },
): ConfigProblem[] {
  const base = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...base, key];
      return {
        path: formatPath(path),
        ...locate(path),
        message: `unknown key "${key}"; accepted keys here: ${acceptedKeys(base).join(', ')}.`,
      };
    });
  }
  const found = valueAt(raw, base);
  const where = base.length === 0 ? 'the file' : formatPath(base);
  if (found === undefined && issue.code === 'invalid_type') {
    return [
      {
        path: formatPath(base),
        ...locate(base),
        message: `${where} is missing; it is required (${article(issue.expected)}).`,
      },
    ];
  }
  const shown = found === undefined ? 'nothing' : describeValue(found);
  let expected: string;
  switch (issue.code) {
    case 'invalid_value':
      expected = `one of ${issue.values.map((value) => String(value)).join(', ')}`;
      break;
    case 'invalid_type':
      expected = article(issue.expected);
      break;
    case 'too_small':
      expected =
        issue.origin === 'string'
          ? 'a non-empty text'
          : `a number ${issue.inclusive ? 'of at least' : 'above'} ${String(issue.minimum)}`;
      break;
    case 'too_big':
      expected = `a number ${issue.inclusive ? 'of at most' : 'below'} ${String(issue.maximum)}`;
      break;
    default:
      expected = issue.message;
  }
  return [{ path: formatPath(base), ...locate(base), message: `${where} is ${shown}; expected ${expected}.` }];
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** The keys the schema accepts at a path (an object inside records and lists included). */
function acceptedKeys(path: readonly PropertyKey[]): string[] {
  let schema = unwrap(configSchema as unknown as ZodNode);
  for (const segment of path) {
    const def = schema._zod.def;
    if (def.type === 'object' && typeof segment === 'string' && def.shape !== undefined) {
      const next = def.shape[segment];
      if (next === undefined) return [];
      schema = unwrap(next);
    } else if (def.type === 'array' && def.element !== undefined) {
      schema = unwrap(def.element);
    } else if (def.type === 'record' && def.valueType !== undefined) {
      schema = unwrap(def.valueType);
    } else {
      return [];
    }
  }
  const shape = schema._zod.def.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

interface ZodNode {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly shape?: Readonly<Record<string, ZodNode>>;
      readonly element?: ZodNode;
      readonly valueType?: ZodNode;
      readonly innerType?: ZodNode;
    };
  };
}

function unwrap(schema: ZodNode): ZodNode {
  let current = schema;
  while (current._zod.def.innerType !== undefined) current = current._zod.def.innerType;
  return current;
}
