import type { ComplianceFramework } from '../core/vocabulary.js';

/** A control of a compliance framework and the practices that give evidence for it. */
export interface ComplianceControl {
  readonly framework: ComplianceFramework;
  /** As the framework numbers it: `CC7.4`, `§164.308(a)(7)(ii)(A)`, `12.10`, `Art. 32(1)(c)`, `A.8.13`. */
  readonly id: string;
  readonly title: string;
  /** Rule ids whose checks give evidence for the control. */
  readonly rules: readonly string[];
  /** Attestation ids that give evidence for it. */
  readonly attestations: readonly string[];
}

export interface FrameworkSource {
  readonly framework: ComplianceFramework;
  readonly title: string;
  /** The published text the control ids come from. */
  readonly source: string;
}

export const FRAMEWORK_SOURCES: readonly FrameworkSource[] = [];

export const COMPLIANCE_CONTROLS: readonly ComplianceControl[] = [];
