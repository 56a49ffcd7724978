import availabilityCeiling from './availability-ceiling.js';
import type { Scenario } from './define-scenario.js';
import nodeLoss from './node-loss.js';

/** Every scenario, in the order reports show them. */
export const SCENARIOS = {
  'availability-ceiling': availabilityCeiling,
  'node-loss': nodeLoss,
} satisfies Record<string, Scenario>;

export const ALL_SCENARIOS: readonly Scenario[] = Object.values(SCENARIOS);
