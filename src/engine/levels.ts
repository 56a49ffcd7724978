import { conditionHolds, type Profile, type RequirementCondition } from '../core/profile.js';
import { type Level, nextStage, type Stage, stageRank } from '../core/vocabulary.js';
import type { ComplianceControl } from '../reference/compliance.js';

/**
 * The level of a practice's findings for a stage: `blocker` when the practice is required at
 * the stage, `next` when it becomes required at the next stage, `advice` otherwise.
 */
export function levelFor(requiredFrom: Stage, stage: Stage): Level {
  if (stageRank(requiredFrom) <= stageRank(stage)) return 'blocker';
  if (nextStage(stage) === requiredFrom) return 'next';
  return 'advice';
}

export const LEVEL_RANK: Readonly<Record<Level, number>> = { blocker: 0, next: 1, advice: 2 };

/** A framework in the profile makes the practices that evidence its controls required from this stage. */
export const COMPLIANCE_REQUIRED_FROM: Stage = 'launch';

export interface Requirement {
  readonly id: string;
  readonly requiredFrom: Stage;
  readonly requiredWhen?: readonly RequirementCondition[];
}

export interface LevelDecision {
  readonly level: Level;
  /** The stage from which the practice is required for this profile. */
  readonly requiredFrom: Stage;
  /** Why it is required earlier than its default, in words; empty when it is not. */
  readonly because: readonly string[];
}

/**
 * Decides a practice's level for a profile: its own stage, moved earlier by any condition that
 * holds (an SLA, a volume, a framework) and by the compliance frameworks it gives evidence for.
 */
export function decideLevel(
  practice: Requirement,
  profile: Profile,
  controls: readonly ComplianceControl[],
  kind: 'rules' | 'attestations',
): LevelDecision {
  let requiredFrom = practice.requiredFrom;
  const because: string[] = [];
  for (const condition of practice.requiredWhen ?? []) {
    const holds = conditionHolds(condition, profile);
    if (holds === undefined || stageRank(condition.from) >= stageRank(practice.requiredFrom)) continue;
    because.push(`required from ${condition.from} because ${holds}`);
    if (stageRank(condition.from) < stageRank(requiredFrom)) requiredFrom = condition.from;
  }
  const evidenced = controls.filter(
    (control) => profile.compliance.includes(control.framework) && control[kind].includes(practice.id),
  );
  if (evidenced.length > 0 && stageRank(COMPLIANCE_REQUIRED_FROM) < stageRank(practice.requiredFrom)) {
    const named = evidenced.map((control) => `${control.framework} ${control.id}`).join(', ');
    because.push(`required from ${COMPLIANCE_REQUIRED_FROM} as evidence for ${named}`);
    if (stageRank(COMPLIANCE_REQUIRED_FROM) < stageRank(requiredFrom)) requiredFrom = COMPLIANCE_REQUIRED_FROM;
  }
  return { level: levelFor(requiredFrom, profile.stage), requiredFrom, because };
}
