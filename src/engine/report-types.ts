import type { Profile } from '../core/profile.js';
import type { SourceKind } from '../core/source-kinds.js';
import type { ComplianceFramework, Level, Pillar, RuleStatus, Stage } from '../core/vocabulary.js';
import type { SkipReason } from '../discover/discover.js';
import type { ObjectRef } from '../model/types.js';

/** The one contract between the engine and everything after it. Keys are stable from schemaVersion "1". */
export const SCHEMA_VERSION = '1';

export interface RunInfo {
  readonly tool: 'prodready';
  readonly version: string;
  readonly startedAt: string;
  readonly durationMs: number;
}

export type ReportProfile = Profile;

export interface ReportLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface ReportFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly pillar: Pillar;
  readonly level: Level;
  readonly message: string;
  readonly location: ReportLocation;
  readonly object?: ObjectRef;
  readonly suppressed?: { readonly reason: string; readonly until?: string };
  /** Stable across runs and unrelated edits: rule, message, file, object and key path, not the line. */
  readonly fingerprint: string;
  /** With `--baseline`: whether the baseline report has a finding with this fingerprint. */
  readonly change?: FindingChange;
}

export const FINDING_CHANGES = ['new', 'unchanged'] as const;
export type FindingChange = (typeof FINDING_CHANGES)[number];

export type ScenarioOutcome = 'survives' | 'degraded' | 'outage' | 'unknown';

export interface ReportScenario {
  readonly id: string;
  readonly title: string;
  /** What the scenario asks. */
  readonly question: string;
  /** The worst outcome over the paths; `unknown` when there is no path to judge. */
  readonly outcome: ScenarioOutcome;
  /** The level a failing outcome has for this profile; absent for scenarios that only inform. */
  readonly level?: Level;
  /** A path ends in an outcome the scenario must not have at this level. */
  readonly failing?: boolean;
  /** The scenario threw (a bug in prodready): the error's message; the outcome is then `unknown`. */
  readonly error?: string;
  readonly paths: readonly {
    readonly name: string;
    readonly outcome: ScenarioOutcome;
    readonly availability?: number;
    readonly recoverySeconds?: number;
    /** Acknowledged writes lost, in seconds, when a datastore fails. */
    readonly dataLossSeconds?: number;
    /** Components (node ids) that fail or limit the path. */
    readonly failing: readonly string[];
    /** The working, in words. */
    readonly reason: string;
  }[];
  readonly assumptions: readonly string[];
  readonly singlePointsOfFailure?: readonly {
    readonly id: string;
    readonly reason: string;
    readonly file: string;
    readonly line: number;
    readonly column: number;
  }[];
  readonly budget?: {
    readonly sla: number;
    readonly budgetMinutes: number;
    readonly ceilingDowntimeMinutes: number;
    readonly consumedPercent: number;
  };
}

export interface ReportParseIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const RULE_OUTCOMES = ['pass', 'fail', 'not-applicable', 'unknown', 'off', 'error'] as const;
/**
 * pass: examined and held; fail: an unsuppressed finding; not-applicable: nothing to examine;
 * unknown: could not decide for something it examined; off: turned off in the config;
 * error: the rule threw (a bug in prodready), so nothing it checks was decided.
 */
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

export interface ReportRule {
  readonly id: string;
  readonly pillar: Pillar;
  readonly title: string;
  /** The stage from which the rule is required for this profile (its default moved by conditions). */
  readonly requiredFrom: Stage;
  readonly status: RuleStatus;
  /** The level the rule's findings get under this run's profile. */
  readonly level: Level;
  readonly outcome: RuleOutcome;
  /** With outcome `error`: the message of what the rule threw (never a stack). */
  readonly error?: string;
  /** Why the rule is required earlier than by default ("required from launch because sla ≥ 99.9"). */
  readonly because?: readonly string[];
  /** A level set in the config instead of the profile's. */
  readonly override?: { readonly level: Level | 'off'; readonly reason: string };
}

export const ATTESTATION_STATES = ['detected', 'attested', 'missing', 'expired', 'not-applicable'] as const;
export type AttestationState = (typeof ATTESTATION_STATES)[number];

export interface ReportAttestation {
  readonly id: string;
  readonly pillar: Pillar;
  readonly title: string;
  readonly requiredFrom: Stage;
  readonly level: Level;
  readonly state: AttestationState;
  readonly because?: readonly string[];
  /** Evidence found in the repository (state detected). */
  readonly detected?: { readonly file: string; readonly line?: number; readonly description: string };
  /** The human answer in prodready.yaml (states attested and expired). */
  readonly attested?: { readonly by: string; readonly date: string; readonly evidence: string };
  /** The last day the attestation counts (attested), or the day it stopped counting (expired). */
  readonly expires?: string;
  /** What counts as evidence, for a missing or expired practice. */
  readonly evidence: string;
  /** Detecting the evidence threw (a bug in prodready): the error's message; the state is then the answer's alone. */
  readonly error?: string;
}

export const CONTROL_STATUSES = ['evidenced', 'failing', 'needs-attestation', 'unknown'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export interface ReportCompliance {
  readonly framework: ComplianceFramework;
  readonly source: string;
  readonly controls: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: ControlStatus;
    readonly rules: readonly { readonly id: string; readonly outcome: RuleOutcome }[];
    readonly attestations: readonly { readonly id: string; readonly state: AttestationState }[];
  }[];
}

export interface Coverage {
  readonly files: {
    /** Files of a kind prodready recognises. */
    readonly recognised: number;
    /** Files whose contents the model examined. */
    readonly examined: number;
    readonly byKind: Readonly<Partial<Record<SourceKind, number>>>;
    /** Recognised kinds this version does not read yet, so nothing in them was checked. */
    readonly notExamined: readonly { readonly kind: SourceKind; readonly files: number }[];
    /** Files of no kind prodready reads (source code, images…). */
    readonly other: number;
    /** Files and directories left out by .gitignore, default ignores and --exclude. */
    readonly ignored: number;
  };
  readonly skipped: readonly { readonly file: string; readonly reason: SkipReason }[];
  readonly documents: {
    readonly kubernetesObjects: number;
    /** YAML documents in Kubernetes files that are not Kubernetes objects. */
    readonly other: number;
  };
  readonly objects: {
    readonly modelled: Readonly<Record<string, number>>;
    /** Objects the model does not interpret: CRD instances and kinds no rule needs yet. */
    readonly unmodelled: readonly {
      readonly apiVersion: string;
      readonly kind: string;
      readonly count: number;
      readonly known: boolean;
    }[];
  };
  readonly parseIssues: number;
  readonly pillars: { readonly examined: readonly Pillar[]; readonly notExamined: readonly Pillar[] };
  readonly rules: Readonly<Record<RuleOutcome, number>>;
  /**
   * Rules, attestation detectors and scenarios that threw (bugs in prodready), with the error's
   * message; absent when none did. The scan went on without them.
   */
  readonly errors?: readonly InternalError[];
  /** Where rules could not decide, and why: reported, never counted as a pass. */
  readonly undecided: readonly {
    readonly ruleId: string;
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly reason: string;
  }[];
  /** The prodready.yaml the profile came from; absent when the defaults were used. */
  readonly config?: string;
  /** Kustomize features that were not rendered, so what they would change was not examined. */
  readonly unsupported: readonly {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly feature: string;
  }[];
  /** Helm charts of the tree: rendered with `helm template`, or why not. */
  readonly charts: readonly {
    readonly chart: string;
    readonly rendered: boolean;
    readonly reason?: string;
    readonly values: readonly string[];
  }[];
  /** Why the judged environment is the one judged. */
  readonly judgedEnvironment?: { readonly name: string; readonly reason: string };
  /** Environments CI/CD deploys to that no overlay, values file or variable file describes. */
  readonly pipelineOnlyEnvironments?: readonly {
    readonly name: string;
    readonly source: 'pipeline';
    readonly file: string;
    readonly line: number;
  }[];
}

export const INTERNAL_ERROR_KINDS = ['rule', 'attestation', 'scenario'] as const;
export type InternalErrorKind = (typeof INTERNAL_ERROR_KINDS)[number];

/** A part of prodready that threw during the scan: which one, and the error's message. */
export interface InternalError {
  readonly kind: InternalErrorKind;
  readonly id: string;
  readonly message: string;
}

export interface Verdict {
  readonly ready: boolean;
  readonly stage: Stage;
  /** Unsuppressed findings at level blocker plus required attestations missing or expired. */
  readonly blockers: number;
  readonly blockerFindings: number;
  readonly blockerAttestations: number;
  /** Scenarios whose outcome the profile's stage does not accept (a ceiling below the SLA…). */
  readonly blockerScenarios: number;
  readonly scores: Readonly<Partial<Record<Pillar, number>>>;
  /** What the next stage would require on top, of what does not hold today. */
  readonly nextStage?: {
    readonly stage: Stage;
    readonly rules: readonly string[];
    readonly attestations: readonly string[];
  };
  readonly coverage: Coverage;
}

export interface ModelSummary {
  readonly services: readonly {
    readonly id: string;
    readonly kind: string;
    readonly name: string;
    readonly namespace: string;
    readonly replicas?: number;
    readonly serving: boolean;
  }[];
  readonly datastores: readonly {
    readonly id: string;
    readonly engine: string;
    readonly category: string;
    readonly managed: boolean;
    readonly replicas?: number;
  }[];
  readonly edges: readonly {
    readonly from: string;
    readonly to: string;
    /** The dependency graph's `routes-to`, `calls` and `depends-on`, and `selects` from a Service to its workloads. */
    readonly kind: 'routes-to' | 'calls' | 'depends-on' | 'selects';
    readonly evidence: ReportLocation;
  }[];
}

export interface UnusedSuppression {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly problem: 'unused' | 'unknown-rule' | 'no-reason' | 'expired';
}

export interface ReportEnvironment {
  readonly name: string;
  /** `kustomize` for a rendered overlay, `helm` for a values file; `repository` when the tree has neither. */
  readonly source: 'kustomize' | 'helm' | 'terraform' | 'repository';
  /** The overlay's kustomization file. */
  readonly root?: string;
  /** CI/CD deploy jobs that name this environment. */
  readonly declaredBy: readonly { readonly source: 'pipeline'; readonly file: string; readonly line: number }[];
  readonly production: boolean;
  /** The environment the verdict judges; its findings are the report's `findings`. */
  readonly judged: boolean;
  readonly ready: boolean;
  readonly blockers: number;
  /** Findings of an environment that is not judged (empty for the judged one). */
  readonly findings: readonly ReportFinding[];
}

/** One scenario's outcomes, as the what-if block compares them. */
export interface WhatIfScenario {
  readonly id: string;
  readonly outcome: ScenarioOutcome;
  readonly paths: readonly {
    readonly name: string;
    readonly outcome: ScenarioOutcome;
    readonly availability?: number;
    readonly recoverySeconds?: number;
  }[];
  readonly budget?: ReportScenario['budget'];
}

export interface ReportWhatIf {
  /** Each `--assume` change and what it changed, with the figures it used. */
  readonly assumptions: readonly { readonly change: string; readonly effect: string }[];
  /** The scenarios on the model as the files describe it. */
  readonly before: readonly WhatIfScenario[];
  /** The scenarios on the changed model. */
  readonly after: readonly WhatIfScenario[];
}

/** With `--baseline`: this run compared with a previous report of the same repository. */
export interface ReportBaseline {
  /** The baseline report file, relative to the directory prodready ran in. */
  readonly file: string;
  /** Findings whose fingerprint the baseline does not have. */
  readonly new: number;
  /** Findings whose fingerprint the baseline has (wherever the line moved). */
  readonly unchanged: number;
  /** Findings of the baseline that this run no longer has. */
  readonly fixed: readonly {
    readonly ruleId: string;
    readonly fingerprint: string;
    readonly location: ReportLocation;
  }[];
  readonly verdictBefore: { readonly ready: boolean; readonly blockers: number };
  /** Scenarios whose outcome is worse than in the baseline (survives < unknown < degraded < outage). */
  readonly scenariosWorse: readonly {
    readonly id: string;
    readonly before: ScenarioOutcome;
    readonly after: ScenarioOutcome;
  }[];
  /** The lowest availability ceiling over the user-facing paths, in the baseline and in this run (0..1). */
  readonly ceilingBefore?: number;
  readonly ceilingAfter?: number;
}

export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly run: RunInfo;
  readonly profile: ReportProfile;
  readonly verdict: Verdict;
  readonly findings: readonly ReportFinding[];
  readonly scenarios: readonly ReportScenario[];
  readonly parseIssues: readonly ReportParseIssue[];
  readonly rules: readonly ReportRule[];
  readonly attestations: readonly ReportAttestation[];
  /** Every environment found (Kustomize overlays), and which one the verdict judges. */
  readonly environments: readonly ReportEnvironment[];
  /** Per compliance framework of the profile: which controls have evidence, fail or need an attestation. */
  readonly compliance: readonly ReportCompliance[];
  readonly model: ModelSummary;
  /** Suppressions that matched nothing, name an unknown rule, or give no reason. */
  readonly suppressions: readonly UnusedSuppression[];
  /** With `--assume`: the changes made to the model (the rest of the report is of the changed model) and each scenario before and after. */
  readonly whatIf?: ReportWhatIf;
  /** With `--baseline`: what changed since the baseline report. */
  readonly baseline?: ReportBaseline;
}

/** A report before the CLI stamps the run block. */
export type Evaluation = Omit<Report, 'run'>;
