import { type Cloud, type ComplianceFramework, type Stage, stageRank } from './vocabulary.js';

/** What "ready" means for this team: the context every level is computed from. */
export interface Profile {
  readonly stage: Stage;
  /** Availability promised, in percent (99.9). */
  readonly sla?: number;
  readonly rto?: string;
  readonly rpo?: string;
  readonly peakRps?: number;
  readonly compliance: readonly ComplianceFramework[];
  readonly cloud?: Cloud;
}

/**
 * A condition under which a practice is required earlier than its `requiredFrom` stage: from
 * `from` on, when any of the given facts of the profile holds.
 */
export interface RequirementCondition {
  readonly from: Stage;
  /** The profile's SLA is at least this (percent). */
  readonly slaAtLeast?: number;
  /** The profile's peak requests per second is at least this. */
  readonly peakRpsAtLeast?: number;
  /** The profile's compliance list includes any of these. */
  readonly compliance?: readonly ComplianceFramework[];
}

/** The part of a condition that holds for the profile, in words; undefined when none holds. */
export function conditionHolds(condition: RequirementCondition, profile: Profile): string | undefined {
  const reasons: string[] = [];
  if (condition.slaAtLeast !== undefined && profile.sla !== undefined && profile.sla >= condition.slaAtLeast) {
    reasons.push(`sla ≥ ${condition.slaAtLeast}`);
  }
  if (
    condition.peakRpsAtLeast !== undefined &&
    profile.peakRps !== undefined &&
    profile.peakRps >= condition.peakRpsAtLeast
  ) {
    reasons.push(`peakRps ≥ ${condition.peakRpsAtLeast}`);
  }
  for (const framework of condition.compliance ?? []) {
    if (profile.compliance.includes(framework)) reasons.push(`compliance includes ${framework}`);
  }
  return reasons.length === 0 ? undefined : reasons.join(', ');
}

/** The earlier of two stages. */
export function earlierStage(a: Stage, b: Stage): Stage {
  return stageRank(a) <= stageRank(b) ? a : b;
}

/** A condition in words, for docs: "from launch when sla ≥ 99.9 or compliance includes hipaa". */
export function describeCondition(condition: RequirementCondition): string {
  const parts: string[] = [];
  if (condition.slaAtLeast !== undefined) parts.push(`sla ≥ ${condition.slaAtLeast}`);
  if (condition.peakRpsAtLeast !== undefined) parts.push(`peakRps ≥ ${condition.peakRpsAtLeast}`);
  if (condition.compliance !== undefined && condition.compliance.length > 0) {
    parts.push(`compliance includes ${condition.compliance.join(' or ')}`);
  }
  return `from ${condition.from} when ${parts.join(' or ')}`;
}
