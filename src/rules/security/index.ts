import type { Rule } from '../define-rule.js';
import noAutomountedServiceAccountToken from './no-automounted-service-account-token.js';
import noBroadSecretAccess from './no-broad-secret-access.js';
import noClusterAdminBinding from './no-cluster-admin-binding.js';
import noDangerousCapabilities from './no-dangerous-capabilities.js';
import noHostNamespaces from './no-host-namespaces.js';
import noHostPort from './no-host-port.js';
import noPodExecAccess from './no-pod-exec-access.js';
import noPrivilegeEscalation from './no-privilege-escalation.js';
import noPrivilegedContainer from './no-privileged-container.js';
import noRbacWildcard from './no-rbac-wildcard.js';
import noRootUser from './no-root-user.js';
import noSecretInEnv from './no-secret-in-env.js';
import noSensitiveHostPath from './no-sensitive-host-path.js';
import requireDroppedCapabilities from './require-dropped-capabilities.js';
import requireNetworkPolicy from './require-network-policy.js';
import requireReadOnlyRootFilesystem from './require-read-only-root-filesystem.js';
import requireSeccompProfile from './require-seccomp-profile.js';

export const securityRules = {
  'no-automounted-service-account-token': noAutomountedServiceAccountToken,
  'no-broad-secret-access': noBroadSecretAccess,
  'no-cluster-admin-binding': noClusterAdminBinding,
  'no-dangerous-capabilities': noDangerousCapabilities,
  'no-host-namespaces': noHostNamespaces,
  'no-host-port': noHostPort,
  'no-pod-exec-access': noPodExecAccess,
  'no-privilege-escalation': noPrivilegeEscalation,
  'no-privileged-container': noPrivilegedContainer,
  'no-rbac-wildcard': noRbacWildcard,
  'no-root-user': noRootUser,
  'no-secret-in-env': noSecretInEnv,
  'no-sensitive-host-path': noSensitiveHostPath,
  'require-dropped-capabilities': requireDroppedCapabilities,
  'require-network-policy': requireNetworkPolicy,
  'require-read-only-root-filesystem': requireReadOnlyRootFilesystem,
  'require-seccomp-profile': requireSeccompProfile,
} satisfies Record<string, Rule>;
