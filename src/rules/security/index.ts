import noPrivilegedContainer from './no-privileged-container.js';

export const securityRules = {
  'no-privileged-container': noPrivilegedContainer,
};
