import { pointerTo } from '../../core/source.js';
import type { Service, SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

/** Services that select pods themselves: a non-empty selector, and not ExternalName. */
function subjects(model: SystemModel): readonly Service[] {
  return model.services.filter(
    (service) =>
      service.selector !== undefined &&
      Object.keys(service.selector).length > 0 &&
      service.serviceType !== 'ExternalName',
  );
}

export default defineRule({
  id: 'require-service-selects-pods',
  pillar: 'operations',
  title: 'Services select the pods of some workload',
  rationale:
    'A Service whose selector matches no pod has no endpoints: every request to it fails, usually because a label was renamed on one side only.',
  remediation:
    'Make spec.selector match the pod template labels of the workload the Service fronts, in the same namespace, or remove the Service.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Like kube-linter dangling-service and kube-score service-targets-pod. A Service without a selector (endpoints managed elsewhere) and an ExternalName Service are skipped. Pods created by an operator from a custom resource are not visible to the model; suppress with a reason for such Services.',
  references: [
    { title: 'Kubernetes: Service', url: 'https://kubernetes.io/docs/concepts/services-networking/service/' },
    {
      title: 'Kubernetes: debug Services',
      url: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-service/',
    },
  ],
  messages: {
    'no-match': (data: { service: string; selector: string }) =>
      `${data.service} selects ${data.selector}, which matches no workload's pods in its namespace.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report }) {
    for (const service of subjects(model)) {
      const entries = Object.entries(service.selector ?? {});
      if (model.workloadsSelectedBy(service).length > 0) continue;
      report({
        messageId: 'no-match',
        data: {
          service: describeNode(service),
          selector: entries.map(([key, value]) => `${key}=${value}`).join(','),
        },
        node: service,
        at: pointerTo(service.source, 'spec', 'selector'),
      });
    }
  },
});
