import availabilityCeiling from './availability-ceiling.js';
import badRollout from './bad-rollout.js';
import datastoreFailure from './datastore-failure.js';
import type { Scenario } from './define-scenario.js';
import nodeLoss from './node-loss.js';
import regionOutage from './region-outage.js';
import traffic from './traffic.js';
import zoneOutage from './zone-outage.js';

/** Every scenario, in the order reports show them. */
export const SCENARIOS = {
  'availability-ceiling': availabilityCeiling,
  'node-loss': nodeLoss,
  'zone-outage': zoneOutage,
  'region-outage': regionOutage,
  'datastore-failure': datastoreFailure,
  'bad-rollout': badRollout,
  traffic,
} satisfies Record<string, Scenario>;

export const ALL_SCENARIOS: readonly Scenario[] = Object.values(SCENARIOS);
