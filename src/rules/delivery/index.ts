import noLatestImageTag from './no-latest-image-tag.js';

export const deliveryRules = {
  'no-latest-image-tag': noLatestImageTag,
};
