import type { Rule } from '../define-rule.js';
import noLatestImageTag from './no-latest-image-tag.js';
import requireImageDigest from './require-image-digest.js';

export const deliveryRules = {
  'no-latest-image-tag': noLatestImageTag,
  'require-image-digest': requireImageDigest,
} satisfies Record<string, Rule>;
