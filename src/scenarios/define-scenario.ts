import type { Profile, RequirementCondition } from '../core/profile.js';
import type { SourceLocation } from '../core/source.js';
import type { Stage } from '../core/vocabulary.js';
import type { SystemModel } from '../model/types.js';

export const OUTCOMES = ['survives', 'degraded', 'outage', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface PathOutcome {
  /** The user-facing path, as the model names it. */
  readonly name: string;
  readonly outcome: Outcome;
  /** Availability of the path (0..1), for the ceiling. */
  readonly availability?: number;
  /** Estimated time to recover, in seconds; absent when it cannot be bounded. */
  readonly recoverySeconds?: number;
  /** For datastore failure: the recent writes lost (the recovery point reached), in seconds; absent when not known. */
  readonly dataLossSeconds?: number;
  /** Components (node ids) that fail or limit the path. */
  readonly failing: readonly string[];
  /** Why, in words. */
  readonly reason: string;
}

/** A component that takes a path down on its own, with the place that shows it. */
export interface SinglePointOfFailure {
  readonly id: string;
  readonly reason: string;
  readonly location: SourceLocation;
}

export interface ScenarioResult {
  readonly paths: readonly PathOutcome[];
  /** Every default and figure the result relies on, in words, with its source. */
  readonly assumptions: readonly string[];
  readonly singlePointsOfFailure?: readonly SinglePointOfFailure[];
  /** For the ceiling: the SLA, the monthly error budget and how much of it the ceiling uses. */
  readonly budget?: {
    readonly sla: number;
    readonly budgetMinutes: number;
    readonly ceilingDowntimeMinutes: number;
    readonly consumedPercent: number;
  };
}

export interface ScenarioContext {
  readonly model: SystemModel;
  readonly profile: Profile;
  /** For the traffic scenario: the load is this many times the profile's peakRps (10 when absent). */
  readonly trafficMultiplier?: number;
}

export interface Scenario {
  /** Stable, kebab-case. */
  readonly id: string;
  readonly title: string;
  /** What the scenario asks, in one sentence. */
  readonly question: string;
  /**
   * From which stage a path must not end in one of `failsOn`: the verdict counts it as a blocker
   * from then (conditions on the profile may move it earlier). Without it, outcomes inform only.
   */
  readonly requiredFrom?: Stage;
  readonly requiredWhen?: readonly RequirementCondition[];
  readonly failsOn?: readonly Outcome[];
  run(context: ScenarioContext): ScenarioResult;
}

/** Declares a scenario: a pure what-if over the model that shows its working. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** The worst outcome of a set: outage > degraded > unknown > survives. */
export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('outage')) return 'outage';
  if (outcomes.includes('degraded')) return 'degraded';
  if (outcomes.includes('unknown')) return 'unknown';
  return 'survives';
}
