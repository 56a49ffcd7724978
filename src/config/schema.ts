import { z } from 'zod';
import { CLOUDS, COMPLIANCE_FRAMEWORKS, LEVELS, STAGES } from '../core/vocabulary.js';

/** `30s`, `15m`, `1h`, `2d`. */
export const DURATION_PATTERN = /^([1-9]\d*)(s|m|h|d)$/;
export const DURATION_HINT = 'a duration such as 30s, 15m, 1h or 2d';
const DATE_HINT = 'a date written YYYY-MM-DD';

const duration = z.string().regex(DURATION_PATTERN, { message: DURATION_HINT });
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_HINT })
  .refine((value) => isCalendarDate(value), { message: DATE_HINT });
const ruleId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'a rule id such as require-readiness-probe' });

export const attestationSchema = z.strictObject({
  by: z.string().min(1).describe('Who attests: a name or a team.'),
  date: date.describe('When the practice was last done or checked (YYYY-MM-DD).'),
  evidence: z.string().min(1).describe('A link or a repository path that shows it.'),
  expires: date
    .optional()
    .describe('When this attestation stops counting (YYYY-MM-DD); the practice may set a shorter maximum age.'),
});

export const ignoreSchema = z.strictObject({
  rule: ruleId.describe('The rule to suppress.'),
  path: z.string().min(1).optional().describe('Only findings in files matching this pattern (.gitignore syntax).'),
  object: z
    .string()
    .min(1)
    .optional()
    .describe('Only findings on this object: Kind/namespace/name, Kind/name or name.'),
  reason: z.string().min(1).describe('Why the finding does not apply; shown in every report.'),
  until: date.optional().describe('The suppression stops applying after this date and is reported as expired.'),
});

export const overrideSchema = z.strictObject({
  level: z.enum([...LEVELS, 'off']).describe('The level the rule gets whatever the profile, or off.'),
  reason: z.string().min(1).describe('Why the level differs from the one the profile gives.'),
});

/** The single source of `prodready.yaml`: validation, types and the published JSON Schema. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows, for editors.'),
    stage: z
      .enum(STAGES)
      .default('launch')
      .describe(
        'prototype: no paying customers yet; launch: first paying customers; growth: traffic and team growing; enterprise: enterprise customers and audits.',
      ),
    sla: z
      .number()
      .gt(0)
      .lt(100)
      .optional()
      .describe('Availability promised to customers, in percent per month (99.9 allows about 43 minutes of downtime).'),
    rto: duration.optional().describe('Recovery time objective: how long an outage may last.'),
    rpo: duration.optional().describe('Recovery point objective: how much recent data may be lost.'),
    peakRps: z.number().nonnegative().optional().describe('Expected peak requests per second across the system.'),
    compliance: z
      .array(z.enum(COMPLIANCE_FRAMEWORKS))
      .default([])
      .describe('Frameworks the team must show evidence for.'),
    cloud: z.enum(CLOUDS).optional().describe('Where production runs.'),
    environments: z
      .strictObject({
        production: z.string().min(1).describe('The name of the production environment.'),
        others: z.array(z.string().min(1)).default([]).describe('The other environments (staging, dev…).'),
      })
      .optional()
      .describe('Which environment is production.'),
    attestations: z
      .record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), attestationSchema)
      .default({})
      .describe('Human answers for what files cannot show, by practice id (see `prodready attest`).'),
    ignore: z.array(ignoreSchema).default([]).describe('Suppressions, each with a reason.'),
    overrides: z.record(ruleId, overrideSchema).default({}).describe('Level overrides by rule id.'),
    exclude: z.array(z.string().min(1)).default([]).describe('Paths to leave out (.gitignore syntax).'),
  })
  .describe('prodready configuration: the readiness profile, attestations, suppressions and overrides.');

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Attestation = z.output<typeof attestationSchema>;
export type IgnoreEntry = z.output<typeof ignoreSchema>;

/** Seconds in a duration such as `15m`. */
export function durationSeconds(value: string): number {
  const match = DURATION_PATTERN.exec(value);
  if (match === null) throw new Error(`Not a duration: ${value}`);
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function isCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The JSON Schema of prodready.yaml, generated from `configSchema`. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://prodready.dev/schemas/prodready.schema.json',
    title: 'prodready.yaml',
  };
}
