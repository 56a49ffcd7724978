import type { Report } from '../engine/report-types.js';

/** The Report as JSON, keys in contract order, ending in a newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(inContractOrder(report), null, 2)}\n`;
}

/**
 * The same text as `renderJson`, in pieces: a large report (hundreds of megabytes of JSON for
 * 50,000 objects) is written piece by piece instead of being held as one string.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  yield* chunks(inContractOrder(report), '', 0);
  yield '\n';
}

/** Containers this deep or deeper are written whole (a finding, an issue); shallower ones piece by piece. */
const WHOLE_DEPTH = 4;

/** Writes like `JSON.stringify(value, null, 2)` at `indent`: undefined members left out, undefined items as null. */
function* chunks(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth >= WHOLE_DEPTH || typeof value !== 'object' || value === null || hasToJson(value)) {
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let index = 0; index < value.length; index += 1) {
      yield `${index === 0 ? '' : ','}\n${inner}`;
      const item: unknown = value[index];
      if (isOmitted(item)) yield 'null';
      else yield* chunks(item, inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  const members = Object.entries(value).filter(([, member]) => !isOmitted(member));
  if (members.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (let index = 0; index < members.length; index += 1) {
    const [key, member] = members[index] as [string, unknown];
    yield `${index === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* chunks(member, inner, depth + 1);
  }
  yield `\n${indent}}`;
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function inContractOrder(report: Report): Report {
  return {
    schemaVersion: report.schemaVersion,
    run: report.run,
    profile: report.profile,
    verdict: report.verdict,
    findings: report.findings,
    scenarios: report.scenarios,
    parseIssues: report.parseIssues,
    rules: report.rules,
    attestations: report.attestations,
    environments: report.environments,
    compliance: report.compliance,
    model: report.model,
    suppressions: report.suppressions,
    ...(report.whatIf === undefined ? {} : { whatIf: report.whatIf }),
    ...(report.baseline === undefined ? {} : { baseline: report.baseline }),
  };
}
