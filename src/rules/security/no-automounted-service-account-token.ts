import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'no-automounted-service-account-token',
  pillar: 'security',
  title: 'Pods do not mount a Kubernetes API token they do not need',
  rationale:
    'By default every pod gets a token for its ServiceAccount mounted into each container, so anyone who breaks into the container can call the Kubernetes API with whatever rights that account holds.',
  remediation:
    'Set automountServiceAccountToken: false in the pod spec or on its ServiceAccount, and set it to true only for pods that call the Kubernetes API.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'The pod field wins over the ServiceAccount field, as in Kubernetes: a pod that sets true is reported even when its ServiceAccount sets false, and a pod that leaves the field out passes when its ServiceAccount (as found in the scanned files, default when none is named) sets false. Checkov looks at the pod field only. Reported once per workload.',
  references: [
    {
      title: 'Kubernetes: configure service accounts for pods (opt out of API credential automounting)',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    },
    {
      title: 'Kubernetes: service accounts',
      url: 'https://kubernetes.io/docs/concepts/security/service-accounts/',
    },
  ],
  messages: {
    automounted: (data: { workload: string; serviceAccount: string; explicit: boolean }) =>
      data.explicit
        ? `${data.workload} sets automountServiceAccountToken: true, mounting a token for ServiceAccount "${data.serviceAccount}" in every container.`
        : `${data.workload} mounts a token for ServiceAccount "${data.serviceAccount}" in every container; neither the pod nor the ServiceAccount turns automounting off.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      const podSetting = workload.pod.automountServiceAccountToken;
      if (podSetting === false) continue;
      if (podSetting === undefined && model.serviceAccountFor(workload)?.automountServiceAccountToken === false)
        continue;
      report({
        messageId: 'automounted',
        data: {
          workload: describeNode(workload),
          serviceAccount: workload.pod.serviceAccountName ?? 'default',
          explicit: podSetting === true,
        },
        node: workload,
        at: pointerTo(workload.pod.source, 'automountServiceAccountToken'),
      });
    }
  },
});
