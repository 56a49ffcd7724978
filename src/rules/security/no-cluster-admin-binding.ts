import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, unreadableWithin } from '../helpers.js';

export default defineRule({
  id: 'no-cluster-admin-binding',
  pillar: 'security',
  title: 'No binding grants the cluster-admin role',
  rationale:
    'The cluster-admin role can do anything to any object, secrets and RBAC included; a workload or CI identity bound to it turns any leak of its credentials into control of the whole cluster.',
  remediation:
    'Bind a role that grants only the verbs and resources the subjects need instead of cluster-admin, and keep cluster-admin for break-glass human access outside the application manifests.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'A RoleBinding to cluster-admin is reported as well as a ClusterRoleBinding: inside its namespace it still grants every verb on every resource, secrets and role bindings included. No subject is exempt.',
  references: [
    {
      title: 'Kubernetes: role based access control good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
    {
      title: 'Kubernetes: user-facing roles (cluster-admin)',
      url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    },
  ],
  messages: {
    'cluster-admin': (data: { binding: string; subjects: string }) =>
      `${data.binding} grants cluster-admin to ${data.subjects}.`,
  },
  appliesTo: (model) => model.roleBindings.length,
  check({ model, report, undecided }) {
    for (const binding of model.roleBindings) {
      if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') {
        const unreadable = unreadableWithin(binding, binding.roleRef.source);
        if (unreadable !== undefined) {
          undecided({
            node: binding,
            at: unreadable,
            reason: `${describeNode(binding)} has a roleRef of the wrong type, so the role it grants is unknown.`,
          });
        }
        continue;
      }
      const subjects = binding.subjects.map((subject) =>
        subject.namespace === undefined
          ? `${subject.kind} ${subject.name}`
          : `${subject.kind} ${subject.namespace}/${subject.name}`,
      );
      report({
        messageId: 'cluster-admin',
        data: { binding: describeNode(binding), subjects: subjects.length > 0 ? subjects.join(', ') : 'no subject' },
        node: binding,
        at: pointerTo(binding.roleRef.source, 'name'),
      });
    }
  },
});
