import type { Rule } from '../define-rule.js';
import noSelfHostedDatastore from './no-self-hosted-datastore.js';
import noSelfHostedMessageBroker from './no-self-hosted-message-broker.js';

export const costRules = {
  'no-self-hosted-datastore': noSelfHostedDatastore,
  'no-self-hosted-message-broker': noSelfHostedMessageBroker,
} satisfies Record<string, Rule>;
