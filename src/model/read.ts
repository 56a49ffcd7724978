import { type ParseIssue, pointerTo, resolvePointer, type SourcePointer } from '../core/source.js';

/**
 * Typed reads from a parsed manifest. A value of the wrong type is treated as absent and
 * recorded as an issue at its key, so `replicas: "three"` never crashes a scan. Issues never
 * echo the value itself (it might be a secret).
 */
export interface Reader {
  readonly issues: ParseIssue[];
  /** Where each ignored value was: lets the model tell a node which of its fields were unreadable. */
  readonly unreadable: SourcePointer[];
}

export type Raw = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrongType(reader: Reader, at: SourcePointer, expected: string, value: unknown): void {
  reader.unreadable.push(at);
  const where = resolvePointer(at);
  const found = Array.isArray(value) ? 'a list' : isRecord(value) ? 'a mapping' : `a ${typeof value}`;
  const key = at.path
    .filter((segment) => typeof segment === 'string')
    .slice(-2)
    .join('.');
  reader.issues.push({
    file: where.file,
    line: where.line,
    column: where.column,
    message: `"${key}" should be ${expected} but is ${found}; it was ignored.`,
  });
}

export function readRecord(reader: Reader, raw: Raw, key: string, at: SourcePointer): Raw | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (isRecord(value)) return value;
  wrongType(reader, pointerTo(at, key), 'a mapping', value);
  return undefined;
}

export function readList(reader: Reader, raw: Raw, key: string, at: SourcePointer): readonly unknown[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  wrongType(reader, pointerTo(at, key), 'a list', value);
  return [];
}

export function readString(reader: Reader, raw: Raw, key: string, at: SourcePointer): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  wrongType(reader, pointerTo(at, key), 'a string', value);
  return undefined;
}

export function readInteger(reader: Reader, raw: Raw, key: string, at: SourcePointer): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  wrongType(reader, pointerTo(at, key), 'an integer', value);
  return undefined;
}

/** A count (replicas): an integer ≥ 0, as the Kubernetes API requires; anything else is reported. */
export function readCount(reader: Reader, raw: Raw, key: string, at: SourcePointer): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  wrongType(
    reader,
    pointerTo(at, key),
    typeof value === 'number' && Number.isInteger(value) ? 'an integer ≥ 0' : 'an integer',
    value,
  );
  return undefined;
}

export function readBoolean(reader: Reader, raw: Raw, key: string, at: SourcePointer): boolean | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  wrongType(reader, pointerTo(at, key), 'true or false', value);
  return undefined;
}

/** An int-or-string field (`maxUnavailable: 25%`, `targetPort: http`). */
export function readIntOrString(reader: Reader, raw: Raw, key: string, at: SourcePointer): number | string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
  wrongType(reader, pointerTo(at, key), 'an integer or a string', value);
  return undefined;
}

export function readStringMap(
  reader: Reader,
  raw: Raw,
  key: string,
  at: SourcePointer,
): Readonly<Record<string, string>> {
  const record = readRecord(reader, raw, key, at);
  if (record === undefined) return {};
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) {
    if (typeof value === 'string') result[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
    else if (value !== null && value !== undefined) wrongType(reader, pointerTo(at, key, name), 'a string', value);
  }
  return result;
}

/**
 * A list of strings. Numbers and booleans are read as their text; any other item becomes '' and
 * an issue, so the indexes of the items stay those of the file.
 */
export function readStringList(reader: Reader, raw: Raw, key: string, at: SourcePointer): readonly string[] {
  return readList(reader, raw, key, at).map((item, index) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    wrongType(reader, pointerTo(at, key, index), 'a string', item);
    return '';
  });
}

/** A reference (an include, a template) that climbs above the scanned root: reported, never followed. */
export function outsideRoot(reader: Reader, at: SourcePointer, what: string): void {
  const where = resolvePointer(at);
  reader.issues.push({
    file: where.file,
    line: where.line,
    column: where.column,
    message: `${what} points outside the scanned root; not followed.`,
  });
}
