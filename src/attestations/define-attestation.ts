import type { Profile, RequirementCondition } from '../core/profile.js';
import type { RepoPath } from '../core/source.js';
import type { Pillar, RuleStatus, Stage } from '../core/vocabulary.js';
import type { SystemModel } from '../model/types.js';

/** Evidence found in the repository for a practice, so that no human answer is needed. */
export interface DetectedEvidence {
  readonly file: RepoPath;
  /** 1-based; omitted when the file as a whole is the evidence. */
  readonly line?: number;
  /** What was found, in words: "12 alerts link a runbook", "k6 load test script". */
  readonly description: string;
}

/**
 * A practice that files cannot fully show (an on-call rotation, a restore test): satisfied by a
 * human attestation in prodready.yaml or, where the repository shows it, by detected evidence.
 */
export interface AttestationDefinition {
  /** Stable, kebab-case: the key under `attestations:` in prodready.yaml. */
  readonly id: string;
  readonly pillar: Pillar;
  readonly title: string;
  /** Why it matters in production; ends with a full stop. */
  readonly rationale: string;
  /** What counts as evidence, for the person attesting. */
  readonly evidence: string;
  readonly requiredFrom: Stage;
  readonly requiredWhen?: readonly RequirementCondition[];
  /** An attestation older than this many days has expired (a restore test: 183). */
  readonly maxAgeDays?: number;
  readonly status: RuleStatus;
  readonly references: readonly { readonly title: string; readonly url: string }[];
  /** When false for the profile and model, the practice is not applicable (and says why). */
  readonly appliesWhen?: (context: { readonly profile: Profile; readonly model: SystemModel }) => boolean;
  /** Evidence in the repository that satisfies the practice without a human answer. */
  readonly detect?: (model: SystemModel) => DetectedEvidence | undefined;
}

export function defineAttestation(definition: AttestationDefinition): AttestationDefinition {
  return definition;
}
