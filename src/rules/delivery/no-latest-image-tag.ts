import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

/** The tag of an image reference, '' when it has none; undefined when pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 ? '' : image.slice(colon + 1);
}

export default defineRule({
  id: 'no-latest-image-tag',
  pillar: 'delivery',
  title: 'Images are pinned to a version tag or a digest',
  rationale:
    'An image without a tag or tagged latest changes under the same name: two pods of one workload may run different code, and a rollback cannot return to what ran before.',
  remediation: 'Reference each image by an immutable version tag (app:1.4.2) or by digest (app@sha256:…).',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Covers Polaris tagNotSpecified, kube-score container-image-tag, kube-linter latest-tag, Checkov CKV_K8S_14 and Trivy KSV-0013: a missing tag counts as latest; a digest satisfies the rule.',
  references: [{ title: 'Kubernetes: images', url: 'https://kubernetes.io/docs/concepts/containers/images/' }],
  messages: {
    latest: (data: { container: string; workload: string; image: string }) =>
      `Container "${data.container}" of ${data.workload} uses "${data.image}", tagged latest.`,
    untagged: (data: { container: string; workload: string; image: string }) =>
      `Container "${data.container}" of ${data.workload} uses "${data.image}" without a tag, which means latest.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.image === undefined) continue;
        const tag = imageTag(container.image);
        if (tag === undefined) continue;
        const data = { container: container.name, workload: describeNode(workload), image: container.image };
        const at = pointerTo(container.source, 'image');
        if (tag === '') report({ messageId: 'untagged', data, node: workload, at });
        else if (tag === 'latest') report({ messageId: 'latest', data, node: workload, at });
      }
    }
  },
});
