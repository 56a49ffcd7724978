import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-image-digest',
  pillar: 'delivery',
  title: 'Images are pinned by digest',
  rationale:
    'A version tag can be moved to other content by anyone who can push to the registry; only a digest guarantees that production runs the exact image that was built, tested and reviewed.',
  remediation:
    'Reference each image by digest (registry.example.com/app:1.4.2@sha256:…), letting the CI pipeline or a tool such as Renovate update the digest.',
  requiredFrom: 'enterprise',
  status: 'stable',
  notes:
    'Checkov CKV_K8S_43 and KICS ask for digests on every image from the start; we require them only from the enterprise stage, where supply-chain questions come in security reviews, and advise them before.',
  references: [
    {
      title: 'Kubernetes: images (image names, tags and digests)',
      url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    },
  ],
  messages: {
    'no-digest': (data: { container: string; workload: string; image: string }) =>
      `Container "${data.container}" of ${data.workload} uses "${data.image}", which is not pinned by digest.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.image === undefined || container.image.includes('@')) continue;
        report({
          messageId: 'no-digest',
          data: { container: container.name, workload: describeNode(workload), image: container.image },
          node: workload,
          at: pointerTo(container.source, 'image'),
        });
      }
    }
  },
});
