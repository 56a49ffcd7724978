export const operationsRules = {};
