import { pointerTo, resolvePointer, type SourcePointer } from '../core/source.js';
import type { HclBody } from '../parse/terraform.js';
import {
  evaluateAttribute,
  isUnknown,
  type ModuleInstance,
  type ResourceBlock,
  toBoolean,
  toNumber,
  type Unknown,
  type ValueOrigin,
} from './infrastructure-evaluate.js';
import type { Reader } from './read.js';

/**
 * One attribute of a Terraform resource as the model reads it: written (with where the value
 * came from), left to the provider's default, or not decidable from the files.
 */
export type Setting<T> = SetValue<T> | DefaultValue<T> | UnresolvedValue;

export interface SetValue<T> {
  readonly state: 'set';
  readonly value: T;
  /** The attribute in the resource block. */
  readonly source: SourcePointer;
  /** Where the value is written: the attribute, or the variable default, variable file or module argument. */
  readonly origin: ValueOrigin;
}

export interface DefaultValue<T> {
  readonly state: 'default';
  /** The provider's default; undefined when the provider decides at creation. */
  readonly value: T | undefined;
  /** Where the attribute would go (resolves to its enclosing block). */
  readonly source: SourcePointer;
}

export interface UnresolvedValue {
  readonly state: 'unresolved';
  readonly source: SourcePointer;
  /** The expression that could not be evaluated. */
  readonly expression: string;
  readonly reason: string;
}

/** The value a setting takes: as written, or the provider's default; undefined when unresolved. */
export function settingValue<T>(setting: Setting<T> | undefined): T | undefined {
  if (setting === undefined || setting.state === 'unresolved') return undefined;
  return setting.value;
}

/** Issues for values of the wrong type, once per place even when a module is instantiated twice. */
export interface SettingIssues {
  readonly reader: Reader;
  readonly seen: Set<string>;
}

/** Typed reads of a block body (a resource or a nested block), evaluated in its module. */
export interface BodyReader {
  readonly body: HclBody;
  readonly at: SourcePointer;
  readonly module: ModuleInstance;
  /** Whether an attribute is written (whatever its value). */
  has(name: string): boolean;
  string(name: string, fallback?: string): Setting<string>;
  number(name: string, fallback?: number): Setting<number>;
  boolean(name: string, fallback?: boolean): Setting<boolean>;
  strings(name: string): Setting<readonly string[]>;
  /** The nested blocks of a type, each with its own reader. */
  blocks(type: string): readonly BodyReader[];
  /** The first nested block of a type; a reader over an empty body (pointing at this one's path) when there is none. */
  block(type: string): BodyReader;
  /** The evaluated value of an attribute, or undefined when it is not written. */
  value(name: string): { readonly value: unknown; readonly origin: ValueOrigin | undefined } | undefined;
}

export function resourceReader(resource: ResourceBlock, issues: SettingIssues): BodyReader {
  return bodyReader(resource.block.body, resource.source, resource.module, issues);
}

const EMPTY: HclBody = { attributes: new Map(), blocks: [] };

function bodyReader(body: HclBody, at: SourcePointer, module: ModuleInstance, issues: SettingIssues): BodyReader {
  const evaluate = (name: string) => {
    const attribute = body.attributes.get(name);
    if (attribute === undefined) return undefined;
    const evaluated = evaluateAttribute(module, attribute.syntax);
    const source = pointerTo(at, name);
    return {
      value: evaluated.value,
      origin: evaluated.origin ?? { source, via: 'attribute' as const },
      source,
      expression: attribute.syntax.text,
    };
  };
  function read<T>(
    name: string,
    fallback: T | undefined,
    convert: (value: unknown) => T | undefined,
    expected: string,
  ) {
    const found = evaluate(name);
    const source = pointerTo(at, name);
    if (found === undefined || found.value === null) return { state: 'default', value: fallback, source } as const;
    if (isUnknown(found.value)) {
      return { state: 'unresolved', source, expression: found.value.expression, reason: found.value.reason } as const;
    }
    const converted = convert(found.value);
    const inner = converted === undefined ? findUnknown(found.value) : undefined;
    if (inner !== undefined) {
      return { state: 'unresolved', source, expression: found.expression, reason: inner.reason } as const;
    }
    if (converted === undefined) {
      recordWrongType(issues, found.origin.source, name, expected);
      return { state: 'unresolved', source, expression: found.expression, reason: `is not ${expected}` } as const;
    }
    return { state: 'set', value: converted, source, origin: found.origin } as const;
  }
  const reader: BodyReader = {
    body,
    at,
    module,
    has: (name) => body.attributes.has(name),
    string: (name, fallback) =>
      read(
        name,
        fallback,
        (value) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined),
        'a string',
      ),
    number: (name, fallback) => read(name, fallback, toNumber, 'a number'),
    boolean: (name, fallback) => read(name, fallback, toBoolean, 'true or false'),
    strings: (name) =>
      read(
        name,
        undefined,
        (value) => {
          if (!Array.isArray(value)) return undefined;
          const items = value.map((item) => (typeof item === 'number' ? String(item) : item));
          return items.every((item) => typeof item === 'string') ? (items as string[]) : undefined;
        },
        'a list of strings',
      ),
    blocks: (type) => {
      const found = body.blocks.filter((block) => block.type === type);
      return found.map((block, index) =>
        bodyReader(block.body, found.length === 1 ? pointerTo(at, type) : pointerTo(at, type, index), module, issues),
      );
    },
    block: (type) => reader.blocks(type)[0] ?? bodyReader(EMPTY, pointerTo(at, type), module, issues),
    value: (name) => {
      const found = evaluate(name);
      return found === undefined ? undefined : { value: found.value, origin: found.origin };
    },
  };
  return reader;
}

/** A list with an unknown item is unresolved rather than of the wrong type. */
export function listSetting(reader: BodyReader, name: string): Setting<readonly unknown[]> {
  const found = reader.value(name);
  const source = pointerTo(reader.at, name);
  if (found === undefined || found.value === null) return { state: 'default', value: undefined, source };
  if (isUnknown(found.value)) {
    return { state: 'unresolved', source, expression: found.value.expression, reason: found.value.reason };
  }
  if (!Array.isArray(found.value)) {
    return { state: 'unresolved', source, expression: '', reason: 'is not a list' };
  }
  return { state: 'set', value: found.value, source, origin: found.origin ?? { source, via: 'attribute' } };
}

/** The first unknown inside a list or object value. */
export function findUnknown(value: unknown): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnknown(item);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) {
      const found = findUnknown(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function recordWrongType(issues: SettingIssues, at: SourcePointer, name: string, expected: string): void {
  const where = resolvePointer(at);
  const key = `${where.file}:${where.line}:${where.column}:${name}`;
  if (issues.seen.has(key)) return;
  issues.seen.add(key);
  issues.reader.unreadable.push(at);
  issues.reader.issues.push({
    file: where.file,
    line: where.line,
    column: where.column,
    message: `"${name}" should be ${expected}; it was ignored.`,
  });
}
