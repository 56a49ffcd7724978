import { decide } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-encryption-at-rest',
  pillar: 'security',
  title: 'Managed datastores encrypt their data at rest',
  rationale:
    'Unencrypted storage exposes the data in snapshots, replicas and retired disks, and cannot be fixed in place: RDS and ElastiCache only encrypt at creation, so the change means a migration.',
  remediation:
    'Turn on encryption at creation: storage_encrypted = true (RDS, Aurora), at_rest_encryption_enabled = true (ElastiCache), and keep transparent_data_encryption_enabled (Azure SQL).',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Only services where encryption is optional are judged: RDS and Aurora (off by default through the API), ElastiCache for Redis (off by default; on for Valkey) and Azure SQL databases (on unless turned off). Azure storage and databases, S3, DynamoDB, MSK and Google Cloud services always encrypt at rest. Required from launch because it cannot be added later without moving the data.',
  references: [
    {
      title: 'Amazon RDS: encrypting resources',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    },
    {
      title: 'Amazon ElastiCache: at-rest encryption',
      url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    },
  ],
  messages: {
    unencrypted: (data: { service: string }) => `${data.service} stores its data unencrypted.`,
  },
  appliesTo: (model) => optional(model).length,
  check({ model, report, undecided }) {
    for (const service of optional(model)) {
      if (service.encryptedAtRest === undefined) continue;
      const decision = decide(service, 'encryption at rest', service.encryptedAtRest);
      if (!decision.known) undecided({ node: service, at: decision.at, reason: decision.reason });
      else if (decision.value !== true) {
        report({ messageId: 'unencrypted', data: { service: service.address }, node: service, at: decision.at });
      }
    }
  },
});

function optional(model: SystemModel) {
  return model.managedServices.filter((service) => service.encryptedAtRest !== undefined);
}
