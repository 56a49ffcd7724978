import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, isUnreadable } from '../helpers.js';

export default defineRule({
  id: 'no-host-port',
  pillar: 'security',
  title: 'Containers do not bind ports on the node',
  rationale:
    'A hostPort exposes the container on the node address outside Services and network policies, and limits the workload to one pod per node for that port, so pods stay pending when nodes run out.',
  remediation:
    'Remove hostPort and expose the container through a Service (NodePort or LoadBalancer if it must be reached from outside).',
  requiredFrom: 'launch',
  status: 'stable',
  notes: 'hostPort: 0 means unset in Kubernetes and is not reported. Init containers are checked too.',
  references: [
    {
      title: 'Kubernetes: configuration best practices (services)',
      url: 'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    },
    {
      title: 'Kubernetes: Pod Security Standards (baseline)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    'host-port': (data: { container: string; workload: string; hostPort: number }) =>
      `Container "${data.container}" of ${data.workload} binds port ${data.hostPort} on the node.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        for (const port of container.ports) {
          if (port.hostPort === undefined && isUnreadable(workload, pointerTo(port.source, 'hostPort'))) {
            undecided({
              node: workload,
              at: pointerTo(port.source, 'hostPort'),
              reason: `Container "${container.name}" of ${describeNode(workload)} has a hostPort that is not an integer.`,
            });
            continue;
          }
          if (port.hostPort === undefined || port.hostPort === 0) continue;
          report({
            messageId: 'host-port',
            data: { container: container.name, workload: describeNode(workload), hostPort: port.hostPort },
            node: workload,
            at: pointerTo(port.source, 'hostPort'),
          });
        }
      }
    }
  },
});
