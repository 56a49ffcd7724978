import { decide, servicesOf } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-object-storage-versioning',
  pillar: 'availability',
  title: 'Object storage keeps previous versions of objects',
  rationale:
    'Without versioning, an object overwritten or deleted by a bug, a script or an attacker is gone; no zone or region redundancy brings it back, since the deletion is replicated too.',
  remediation:
    'Turn on versioning: an aws_s3_bucket_versioning with status "Enabled" (S3), versioning { enabled = true } (Cloud Storage), blob_properties { versioning_enabled = true } (Azure storage accounts); pair it with a lifecycle rule that expires old versions.',
  requiredFrom: 'growth',
  status: 'experimental',
  notes:
    'For S3 the model reads the aws_s3_bucket_versioning resource that refers to the bucket, or the inline versioning block of provider 3.x. Required from growth, when buckets start to hold user data that cannot be regenerated; earlier it is good practice.',
  references: [
    {
      title: 'Amazon S3: retaining multiple versions of objects',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    },
    {
      title: 'Cloud Storage: object versioning',
      url: 'https://cloud.google.com/storage/docs/object-versioning',
    },
    {
      title: 'Azure Blob Storage: blob versioning',
      url: 'https://learn.microsoft.com/azure/storage/blobs/versioning-overview',
    },
  ],
  messages: {
    disabled: (data: { bucket: string }) => `${data.bucket} does not keep previous versions of its objects.`,
  },
  appliesTo: (model) => versioned(model).length,
  check({ model, report, undecided }) {
    for (const bucket of versioned(model)) {
      if (bucket.versioning === undefined) continue;
      const decision = decide(bucket, 'versioning', bucket.versioning);
      if (!decision.known) undecided({ node: bucket, at: decision.at, reason: decision.reason });
      else if (decision.value !== true) {
        report({ messageId: 'disabled', data: { bucket: bucket.address }, node: bucket, at: decision.at });
      }
    }
  },
});

function versioned(model: SystemModel) {
  return servicesOf(model, 'storage').filter((service) => service.versioning !== undefined);
}
