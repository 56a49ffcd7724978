import type { SourceKind } from '../core/source-kinds.js';
import type { Level, Pillar, RuleStatus, Stage } from '../core/vocabulary.js';
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

export interface ReportProfile {
  readonly stage: Stage;
  readonly sla?: number;
  readonly rto?: string;
  readonly rpo?: string;
  readonly peakRps?: number;
  readonly compliance: readonly string[];
  readonly cloud?: string;
}

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
}

export interface ReportScenario {
  readonly id: string;
  readonly title: string;
  readonly outcome: 'survives' | 'degraded' | 'outage' | 'unknown';
  readonly paths: readonly {
    readonly name: string;
    readonly outcome: 'survives' | 'degraded' | 'outage' | 'unknown';
    readonly availability?: number;
    readonly recoverySeconds?: number;
  }[];
  readonly assumptions: readonly string[];
}

export interface ReportParseIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ReportRule {
  readonly id: string;
  readonly pillar: Pillar;
  readonly title: string;
  readonly requiredFrom: Stage;
  readonly status: RuleStatus;
  /** The level the rule's findings get under this run's profile. */
  readonly level: Level;
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
}

export interface Verdict {
  readonly ready: boolean;
  readonly stage: Stage;
  /** Unsuppressed findings at level blocker. */
  readonly blockers: number;
  readonly scores: Readonly<Partial<Record<Pillar, number>>>;
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
    readonly kind: 'routes-to' | 'selects';
    readonly evidence: ReportLocation;
  }[];
}

export interface UnusedSuppression {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly problem: 'unused' | 'unknown-rule' | 'no-reason';
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
  readonly model: ModelSummary;
  /** Suppressions that matched nothing, name an unknown rule, or give no reason. */
  readonly suppressions: readonly UnusedSuppression[];
}

/** A report before the CLI stamps the run block. */
export type Evaluation = Omit<Report, 'run'>;
