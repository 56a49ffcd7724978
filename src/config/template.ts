import type { Profile } from '../core/profile.js';
import { CLOUDS, COMPLIANCE_FRAMEWORKS, type ComplianceFramework, STAGES } from '../core/vocabulary.js';
import { CONFIG_FILE_NAME } from './parse.js';
import { configSchema, DURATION_HINT } from './schema.js';

/** The SLAs `prodready init` offers, in percent per month. */
export const SLA_CHOICES = [99, 99.5, 99.9, 99.95, 99.99] as const;

/** An average month: 365.25 days / 12, rounded as the industry's downtime tables do. */
export const AVERAGE_MONTH_DAYS = 30.44;

/** What each stage means, in the words `prodready init` and the template use. */
export const STAGE_MEANINGS = {
  prototype: 'no paying customers yet',
  launch: 'first paying customers',
  growth: 'traffic and team growing',
  enterprise: 'enterprise customers, audits',
} as const satisfies Record<(typeof STAGES)[number], string>;

/** The keys of the readiness profile, in the order `prodready init` asks and writes them. */
export const PROFILE_KEYS = ['stage', 'sla', 'rto', 'rpo', 'peakRps', 'compliance', 'cloud'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];

/** The value each profile key holds; `undefined` means "not set". */
export interface ProfileValues {
  readonly stage: Profile['stage'];
  readonly sla: number | undefined;
  readonly rto: string | undefined;
  readonly rpo: string | undefined;
  readonly peakRps: number | undefined;
  readonly compliance: readonly ComplianceFramework[];
  readonly cloud: Profile['cloud'] | undefined;
}

export type AnswerResult<Value> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly expected: string };

/** What each profile answer accepts, in words, ready to follow "expected". */
export const ANSWER_HINTS: Readonly<Record<ProfileKey, string>> = {
  stage: `one of ${STAGES.join(', ')}`,
  sla: 'a number between 0 and 100 such as 99.9, or none',
  rto: `${DURATION_HINT}, or none`,
  rpo: `${DURATION_HINT}, or none`,
  peakRps: 'a number of requests per second, 0 or more, such as 500, or none',
  compliance: `a comma-separated list of ${COMPLIANCE_FRAMEWORKS.join(', ')}, or none`,
  cloud: `one of ${CLOUDS.join(', ')}, or none`,
};

const NONE = 'none';
const NUMBER_PATTERN = /^\d+(\.\d+)?$/;
const shape = configSchema.shape;

/**
 * Reads one answer to a profile question (a flag value or a typed answer), validated with the
 * same schema pieces as prodready.yaml. `none` leaves an optional key unset.
 *
 * @example readProfileAnswer('sla', '99.9') // { ok: true, value: 99.9 }
 */
export function readProfileAnswer<Key extends ProfileKey>(key: Key, text: string): AnswerResult<ProfileValues[Key]> {
  return ANSWER_READERS[key](text.trim()) as AnswerResult<ProfileValues[Key]>;
}

const ANSWER_READERS: { readonly [Key in ProfileKey]: (text: string) => AnswerResult<ProfileValues[Key]> } = {
  stage: (text) => fromSchema('stage', shape.stage.unwrap().safeParse(text.toLowerCase())),
  sla: (text) => {
    if (text.toLowerCase() === NONE) return { ok: true, value: undefined };
    const number = text.replace(/\s*%$/, '');
    if (!NUMBER_PATTERN.test(number)) return rejected('sla');
    return fromSchema('sla', shape.sla.safeParse(Number(number)));
  },
  rto: (text) =>
    text.toLowerCase() === NONE ? { ok: true, value: undefined } : fromSchema('rto', shape.rto.safeParse(text)),
  rpo: (text) =>
    text.toLowerCase() === NONE ? { ok: true, value: undefined } : fromSchema('rpo', shape.rpo.safeParse(text)),
  peakRps: (text) => {
    if (text.toLowerCase() === NONE) return { ok: true, value: undefined };
    if (!NUMBER_PATTERN.test(text)) return rejected('peakRps');
    return fromSchema('peakRps', shape.peakRps.safeParse(Number(text)));
  },
  compliance: (text) => {
    const items = text
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== '');
    if (items.length === 0 || (items.length === 1 && items[0] === NONE)) return { ok: true, value: [] };
    const result = shape.compliance.unwrap().safeParse([...new Set(items)]);
    return fromSchema('compliance', result);
  },
  cloud: (text) => {
    if (text.toLowerCase() === NONE) return { ok: true, value: undefined };
    return fromSchema('cloud', shape.cloud.unwrap().safeParse(text.toLowerCase()));
  },
};

function fromSchema<Value>(
  key: ProfileKey,
  result: { success: true; data: Value } | { success: false },
): AnswerResult<Value> {
  return result.success ? { ok: true, value: result.data } : rejected(key);
}

function rejected(key: ProfileKey): { ok: false; expected: string } {
  return { ok: false, expected: ANSWER_HINTS[key] };
}

/**
 * The downtime an SLA allows in an average month of 30.44 days, e.g. `43m 50s` for 99.9.
 *
 * @example monthlyDowntime(99.99) // '4m 23s'
 */
export function monthlyDowntime(sla: number): string {
  const seconds = Math.round(((100 - sla) / 100) * AVERAGE_MONTH_DAYS * 86_400);
  const parts: string[] = [];
  const units = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const;
  let rest = seconds;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}

export interface TemplateOptions {
  /** Where the JSON Schema is, relative to the written file (for the yaml-language-server line). */
  readonly schemaPath: string;
  /** The attestation ids to list in the comment above `attestations:`. */
  readonly attestationIds: readonly string[];
}

/**
 * The text of a commented prodready.yaml holding exactly `values`: each profile key with a
 * one-line comment, unset ones commented out, then empty attestations, ignore, overrides and
 * exclude with comments and examples. The layout is the one the `yaml` package writes back, so
 * a later `prodready attest` changes only the lines it adds.
 */
export function renderConfigTemplate(values: ProfileValues, options: TemplateOptions): string {
  const lines = [
    ...header(options.schemaPath),
    `# What the system must be ready for; \`prodready scan\` judges every finding against it.`,
    '# Unset keys are commented out: remove the # to set one.',
    '',
    `# Stage: ${STAGES.map((stage) => `${stage} = ${STAGE_MEANINGS[stage]}`).join('; ')}.`,
    `stage: ${values.stage}`,
    `# Availability promised to customers per month, in percent${
      values.sla === undefined
        ? ` (99.9 allows ${monthlyDowntime(99.9)} of downtime a month).`
        : `: ${values.sla} allows ${monthlyDowntime(values.sla)} of downtime a month.`
    }`,
    keyLine('sla', values.sla === undefined ? undefined : String(values.sla), '99.9'),
    '# Recovery time objective: how long an outage may last (30s, 15m, 1h, 2d).',
    keyLine('rto', values.rto, '4h'),
    '# Recovery point objective: how much recent data may be lost (30s, 15m, 1h, 2d).',
    keyLine('rpo', values.rpo, '1h'),
    '# Expected peak requests per second across the system.',
    keyLine('peakRps', values.peakRps === undefined ? undefined : String(values.peakRps), '500'),
    `# Frameworks the team must show evidence for: ${COMPLIANCE_FRAMEWORKS.join(', ')}.`,
    ...(values.compliance.length === 0
      ? ['compliance: []']
      : ['compliance:', ...values.compliance.map((framework) => `  - ${framework}`)]),
    `# Where production runs: ${CLOUDS.join(', ')}.`,
    keyLine('cloud', values.cloud, 'aws'),
    '',
    '# Human answers for practices that files cannot show, by id. Record or renew one with',
    '#   prodready attest <id> --by NAME --evidence LINK [--date YYYY-MM-DD] [--expires YYYY-MM-DD]',
    ...wrapComment(`Ids: ${options.attestationIds.length === 0 ? '(none yet)' : options.attestationIds.join(', ')}.`),
    'attestations: {}',
    '',
    '# Suppressions, each with a reason; one with `until` stops applying after that date. For example:',
    '#   - rule: no-latest-image-tag',
    '#     path: k8s/debug/**',
    '#     reason: debugging tools, rebuilt nightly',
    '#     until: 2026-12-31',
    'ignore: []',
    '',
    '# Level overrides by rule id (blocker, next, advice or off), each with a reason. For example:',
    '#   require-pod-disruption-budget: { level: next, reason: single-node cluster until the move }',
    'overrides: {}',
    '',
    '# Paths to leave out of every scan (.gitignore syntax). For example:',
    '#   - vendor/',
    'exclude: []',
  ];
  return `${lines.join('\n')}\n`;
}

/** The smallest useful prodready.yaml, for `prodready attest` when there is none yet. */
export function renderMinimalConfig(schemaPath: string): string {
  return [
    ...header(schemaPath),
    '# Run `prodready init --force` to write a full commented one with the readiness profile.',
    '',
    '# Human answers for practices that files cannot show, by id (see `prodready attest`).',
    'attestations: {}',
    '',
  ].join('\n');
}

function header(schemaPath: string): string[] {
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# ${CONFIG_FILE_NAME}: the readiness profile of this repository for prodready, with attestations,`,
    '# suppressions and level overrides.',
  ];
}

function keyLine(key: ProfileKey, value: string | undefined, example: string): string {
  return value === undefined ? `# ${key}: ${example}` : `${key}: ${value}`;
}

function wrapComment(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line = `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}
