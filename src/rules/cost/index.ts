export const costRules = {};
