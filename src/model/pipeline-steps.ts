import { pointerTo, type SourcePointer } from '../core/source.js';
import {
  type CommandActivity,
  checksOutPullRequestHead,
  classifyScript,
  printedReferences,
} from './pipeline-commands.js';
import type { PipelineActivity, PrintedValue } from './pipelines.js';
import { isRecord, type Raw, type Reader, readInteger, readList, readString } from './read.js';

/** Places activities at the key that says them. */
export function located(
  activities: readonly CommandActivity[],
  step: number,
  source: SourcePointer,
): PipelineActivity[] {
  return activities.map((activity) => ({ ...activity, step, source }));
}

/** What a shell script does, located at its key. */
export function scriptActivities(script: string, step: number, source: SourcePointer): PipelineActivity[] {
  return located(classifyScript(script), step, source);
}

export interface PrintContext {
  /** Variables of the step's environment that hold secrets. */
  readonly secretVariables: ReadonlySet<string>;
  /** `$(NAME)` is an Azure Pipelines variable. */
  readonly macroSyntax: boolean;
  /** Dumping the environment (`env`, `printenv`) prints secrets. */
  readonly environmentHoldsSecrets: boolean;
}

/** The values a script prints to the job log, judged against the secrets in its environment. */
export function printedValues(script: string, source: SourcePointer, context: PrintContext): PrintedValue[] {
  return printedReferences(script, { macroSyntax: context.macroSyntax }).flatMap((reference): PrintedValue[] => {
    switch (reference.form) {
      case 'secrets-context':
        return [{ name: reference.name, origin: 'secrets-context', source }];
      case 'variable':
        return [
          {
            name: reference.name,
            origin: context.secretVariables.has(reference.name) ? 'secret-mapped' : 'variable',
            source,
          },
        ];
      case 'environment-dump':
        return context.environmentHoldsSecrets ? [{ name: reference.name, origin: 'environment-dump', source }] : [];
      default:
        return [];
    }
  });
}

/** Where a script checks out a pull request's head, if it does. */
export function scriptCheckout(script: string, source: SourcePointer): SourcePointer | undefined {
  return checksOutPullRequestHead(script) ? source : undefined;
}

/** A key whose value may be one string or a list of strings (`needs: build`, `needs: [a, b]`). */
export function readOneOrMany(reader: Reader, raw: Raw, key: string, parent: SourcePointer): string[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  return readList(reader, raw, key, parent).flatMap((item, index) => {
    if (typeof item === 'string') return [item];
    if (isRecord(item)) {
      const name = readString(reader, item, 'job', pointerTo(parent, key, index));
      return name === undefined ? [] : [name];
    }
    // Numbers are read as their text; anything else is recorded at its item and skipped.
    const text = readString(reader, { [index]: item }, String(index), pointerTo(parent, key));
    return text === undefined ? [] : [text];
  });
}

/**
 * A timeout in minutes: an integer, or an expression (`${{ inputs.timeout }}`) whose value the
 * file does not hold. Anything else is recorded as unreadable.
 */
export function readMinutes(
  reader: Reader,
  raw: Raw,
  key: string,
  parent: SourcePointer,
): { minutes: number | undefined; source: SourcePointer } | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  const source = pointerTo(parent, key);
  if (typeof value === 'number' && Number.isFinite(value)) return { minutes: value, source };
  if (typeof value === 'string' && /\$\{\{|\$\(|\$\[/.test(value)) return { minutes: undefined, source };
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return { minutes: Number(value), source };
  readInteger(reader, { [key]: value }, key, parent);
  return undefined;
}

/** The names of environment variables whose value comes from a secret (`${{ secrets.X }}`). */
export function secretMappedNames(environment: Readonly<Record<string, string>>): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of Object.entries(environment)) {
    if (/\$\{\{[^}]*\bsecrets\b/.test(value)) names.add(name);
  }
  return names;
}
