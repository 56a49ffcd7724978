export const scalabilityRules = {};
