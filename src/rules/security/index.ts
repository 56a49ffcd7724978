import type { Rule } from '../define-rule.js';
import noAddRemoteUrl from './no-add-remote-url.js';
import noAutomountedServiceAccountToken from './no-automounted-service-account-token.js';
import noBitnamiLegacyImage from './no-bitnami-legacy-image.js';
import noBroadSecretAccess from './no-broad-secret-access.js';
import noClusterAdminBinding from './no-cluster-admin-binding.js';
import noDangerousCapabilities from './no-dangerous-capabilities.js';
import noEndOfLifeImage from './no-end-of-life-image.js';
import noHostNamespaces from './no-host-namespaces.js';
import noHostPort from './no-host-port.js';
import noMinioCommunityImage from './no-minio-community-image.js';
import noPodExecAccess from './no-pod-exec-access.js';
import noPrivilegeEscalation from './no-privilege-escalation.js';
import noPrivilegedComposeService from './no-privileged-compose-service.js';
import noPrivilegedContainer from './no-privileged-container.js';
import noPublicDatabaseAccess from './no-public-database-access.js';
import noRbacWildcard from './no-rbac-wildcard.js';
import noRemoteScriptPiping from './no-remote-script-piping.js';
import noRootUser from './no-root-user.js';
import noSecretInComposeEnvironment from './no-secret-in-compose-environment.js';
import noSecretInEnv from './no-secret-in-env.js';
import noSecretsInDockerfile from './no-secrets-in-dockerfile.js';
import noSecretsInPipelineOutput from './no-secrets-in-pipeline-output.js';
import noSecretsInTerraformVariables from './no-secrets-in-terraform-variables.js';
import noSensitiveHostPath from './no-sensitive-host-path.js';
import noUnsafePullRequestTarget from './no-unsafe-pull-request-target.js';
import requireDroppedCapabilities from './require-dropped-capabilities.js';
import requireEncryptionAtRest from './require-encryption-at-rest.js';
import requireKeyVaultPurgeProtection from './require-key-vault-purge-protection.js';
import requireLeastPrivilegeToken from './require-least-privilege-token.js';
import requireMinimumTlsVersion from './require-minimum-tls-version.js';
import requireNetworkPolicy from './require-network-policy.js';
import requireNonRootUser from './require-non-root-user.js';
import requirePinnedActions from './require-pinned-actions.js';
import requireReadOnlyRootFilesystem from './require-read-only-root-filesystem.js';
import requireSeccompProfile from './require-seccomp-profile.js';

export const securityRules = {
  'no-add-remote-url': noAddRemoteUrl,
  'no-automounted-service-account-token': noAutomountedServiceAccountToken,
  'no-bitnami-legacy-image': noBitnamiLegacyImage,
  'no-broad-secret-access': noBroadSecretAccess,
  'no-cluster-admin-binding': noClusterAdminBinding,
  'no-dangerous-capabilities': noDangerousCapabilities,
  'no-end-of-life-image': noEndOfLifeImage,
  'no-host-namespaces': noHostNamespaces,
  'no-host-port': noHostPort,
  'no-minio-community-image': noMinioCommunityImage,
  'no-pod-exec-access': noPodExecAccess,
  'no-privilege-escalation': noPrivilegeEscalation,
  'no-privileged-compose-service': noPrivilegedComposeService,
  'no-privileged-container': noPrivilegedContainer,
  'no-public-database-access': noPublicDatabaseAccess,
  'no-rbac-wildcard': noRbacWildcard,
  'no-remote-script-piping': noRemoteScriptPiping,
  'no-root-user': noRootUser,
  'no-secret-in-compose-environment': noSecretInComposeEnvironment,
  'no-secret-in-env': noSecretInEnv,
  'no-secrets-in-dockerfile': noSecretsInDockerfile,
  'no-secrets-in-pipeline-output': noSecretsInPipelineOutput,
  'no-secrets-in-terraform-variables': noSecretsInTerraformVariables,
  'no-sensitive-host-path': noSensitiveHostPath,
  'no-unsafe-pull-request-target': noUnsafePullRequestTarget,
  'require-dropped-capabilities': requireDroppedCapabilities,
  'require-encryption-at-rest': requireEncryptionAtRest,
  'require-key-vault-purge-protection': requireKeyVaultPurgeProtection,
  'require-least-privilege-token': requireLeastPrivilegeToken,
  'require-minimum-tls-version': requireMinimumTlsVersion,
  'require-network-policy': requireNetworkPolicy,
  'require-non-root-user': requireNonRootUser,
  'require-pinned-actions': requirePinnedActions,
  'require-read-only-root-filesystem': requireReadOnlyRootFilesystem,
  'require-seccomp-profile': requireSeccompProfile,
} satisfies Record<string, Rule>;
