import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-headless-statefulset-service',
  pillar: 'availability',
  title: 'StatefulSets name an existing headless governing Service',
  rationale:
    'A StatefulSet gives its pods stable DNS names only through a headless governing Service; without one, peers and clients cannot address a given replica, and clustered datastores fail to form or to fail over.',
  remediation:
    'Create a Service with clusterIP: None selecting the StatefulSet pods, in the same namespace, and set spec.serviceName to its name.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Kubernetes accepts a StatefulSet without serviceName and does not check that the named Service exists or is headless, so the mistake surfaces only at run time. The Service must be defined in the scanned manifests.',
  references: [
    {
      title: 'Kubernetes: StatefulSets (stable network identity)',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
    },
    {
      title: 'Kubernetes: headless Services',
      url: 'https://kubernetes.io/docs/concepts/services-networking/service/#headless-services',
    },
  ],
  messages: {
    missing: (data: { workload: string }) =>
      `${data.workload} sets no spec.serviceName: its pods get no stable network identity.`,
    'not-found': (data: { workload: string; service: string; namespace: string }) =>
      `${data.workload} names Service "${data.service}", which is not defined in namespace ${data.namespace}.`,
    'not-headless': (data: { workload: string; service: string }) =>
      `${data.workload} names Service "${data.service}", which is not headless (clusterIP: None).`,
  },
  appliesTo: (model) => model.workloads.filter((workload) => workload.workloadKind === 'StatefulSet').length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (workload.workloadKind !== 'StatefulSet') continue;
      const at = pointerTo(workload.source, 'spec', 'serviceName');
      const name = workload.serviceName;
      const data = { workload: describeNode(workload) };
      if (name === undefined || name.trim() === '') {
        report({ messageId: 'missing', data, node: workload, at });
        continue;
      }
      const service = model.serviceNamed(workload.namespace, name);
      if (service === undefined) {
        report({
          messageId: 'not-found',
          data: { ...data, service: name, namespace: workload.namespace },
          node: workload,
          at,
        });
      } else if (!service.headless) {
        report({ messageId: 'not-headless', data: { ...data, service: name }, node: workload, at });
      }
    }
  },
});
