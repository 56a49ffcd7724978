import requireReadinessProbe from './require-readiness-probe.js';

export const availabilityRules = {
  'require-readiness-probe': requireReadinessProbe,
};
