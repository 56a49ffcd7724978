import type { Rule } from '../define-rule.js';
import noLatestComposeImage from './no-latest-compose-image.js';
import noLatestImageTag from './no-latest-image-tag.js';
import requireDependencyUpdates from './require-dependency-updates.js';
import requireDeployConcurrency from './require-deploy-concurrency.js';
import requireGatedProductionDeploy from './require-gated-production-deploy.js';
import requireIacValidationBeforeApply from './require-iac-validation-before-apply.js';
import requireImageDigest from './require-image-digest.js';
import requireImageScan from './require-image-scan.js';
import requirePinnedBaseImage from './require-pinned-base-image.js';
import requirePipelineTimeout from './require-pipeline-timeout.js';
import requireRollbackPath from './require-rollback-path.js';
import requireSeparateEnvironments from './require-separate-environments.js';
import requireTestsOnPullRequests from './require-tests-on-pull-requests.js';

export const deliveryRules = {
  'no-latest-compose-image': noLatestComposeImage,
  'no-latest-image-tag': noLatestImageTag,
  'require-dependency-updates': requireDependencyUpdates,
  'require-deploy-concurrency': requireDeployConcurrency,
  'require-gated-production-deploy': requireGatedProductionDeploy,
  'require-iac-validation-before-apply': requireIacValidationBeforeApply,
  'require-image-digest': requireImageDigest,
  'require-image-scan': requireImageScan,
  'require-pinned-base-image': requirePinnedBaseImage,
  'require-pipeline-timeout': requirePipelineTimeout,
  'require-rollback-path': requireRollbackPath,
  'require-separate-environments': requireSeparateEnvironments,
  'require-tests-on-pull-requests': requireTestsOnPullRequests,
} satisfies Record<string, Rule>;
