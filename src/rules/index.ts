import { availabilityRules } from './availability/index.js';
import { costRules } from './cost/index.js';
import type { Rule } from './define-rule.js';
import { deliveryRules } from './delivery/index.js';
import { operationsRules } from './operations/index.js';
import { scalabilityRules } from './scalability/index.js';
import { securityRules } from './security/index.js';

/**
 * Every rule, by id, in pillar order and then alphabetically. The one registry: a test
 * compares it with the rule files on disk.
 */
export const RULES = {
  ...availabilityRules,
  ...scalabilityRules,
  ...securityRules,
  ...deliveryRules,
  ...operationsRules,
  ...costRules,
} satisfies Record<string, Rule>;

export const ALL_RULES: readonly Rule[] = Object.values(RULES);

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
