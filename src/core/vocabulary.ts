/** The closed vocabularies of prodready: stages, pillars, levels and rule statuses. */

export const STAGES = ['prototype', 'launch', 'growth', 'enterprise'] as const;
export type Stage = (typeof STAGES)[number];

export const PILLARS = ['availability', 'scalability', 'security', 'delivery', 'operations', 'cost'] as const;
export type Pillar = (typeof PILLARS)[number];

export const LEVELS = ['blocker', 'next', 'advice'] as const;
export type Level = (typeof LEVELS)[number];

export const RULE_STATUSES = ['experimental', 'stable', 'deprecated'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export const COMPLIANCE_FRAMEWORKS = ['soc2', 'hipaa', 'pci-dss', 'gdpr', 'iso27001'] as const;
export type ComplianceFramework = (typeof COMPLIANCE_FRAMEWORKS)[number];

export const CLOUDS = ['azure', 'aws', 'gcp', 'other'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Where a stage sits in the order prototype < launch < growth < enterprise. */
export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** The stage after `stage`, or undefined at the last one. */
export function nextStage(stage: Stage): Stage | undefined {
  return STAGES[stageRank(stage) + 1];
}

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export function isPillar(value: string): value is Pillar {
  return (PILLARS as readonly string[]).includes(value);
}

/** Exhaustiveness guard for `switch` over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
