import { pointerTo } from '../../core/source.js';
import type { PolicyRule } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, unreadableWithin } from '../helpers.js';

// Resource entries that cover pods/exec or pods/attach: RBAC expands only `*` and `*/<subresource>`.
const EXEC_RESOURCES = new Set(['pods/exec', 'pods/attach', '*', '*/exec', '*/attach']);
const EXEC_VERBS = new Set(['create', 'get', '*']);

/** Whether the rule covers the core API group, where pods live. */
function coversCoreGroup(rule: PolicyRule): boolean {
  return rule.apiGroups.includes('') || rule.apiGroups.includes('*');
}

export default defineRule({
  id: 'no-pod-exec-access',
  pillar: 'security',
  title: 'Roles do not grant exec or attach into pods',
  rationale:
    'Exec and attach open a shell in a running container with its mounted secrets and service account token, so whoever holds the role can read credentials and act as any workload in reach.',
  remediation:
    'Remove pods/exec and pods/attach from the rule, and grant interactive access to people through a separate, audited break-glass role instead of an application role.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    "Reported when the rule covers the core API group and its resources include pods/exec, pods/attach, '*', '*/exec' or '*/attach' with a create, get or '*' verb (get is what older clients use over SPDY and WebSocket). A 'pods/*' entry is not reported: Kubernetes RBAC does not expand it to subresources, so it grants neither exec nor attach.",
  references: [
    {
      title: 'Kubernetes: role based access control good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
    {
      title: 'Kubernetes: using RBAC authorization (referring to resources)',
      url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    },
  ],
  messages: {
    'exec-access': (data: { role: string; rule: number }) =>
      `Rule ${data.rule} of ${data.role} lets its subjects exec or attach into running pods.`,
  },
  appliesTo: (model) => model.roles.length,
  check({ model, report, undecided }) {
    for (const role of model.roles) {
      role.rules.forEach((rule, index) => {
        const grants =
          coversCoreGroup(rule) &&
          rule.resources.some((resource) => EXEC_RESOURCES.has(resource)) &&
          rule.verbs.some((verb) => EXEC_VERBS.has(verb));
        if (!grants) {
          const unreadable = unreadableWithin(role, rule.source);
          if (unreadable !== undefined) {
            undecided({
              node: role,
              at: unreadable,
              reason: `Rule ${index + 1} of ${describeNode(role)} has a field of the wrong type, so whether it grants exec is unknown.`,
            });
          }
          return;
        }
        report({
          messageId: 'exec-access',
          data: { role: describeNode(role), rule: index + 1 },
          node: role,
          at: pointerTo(rule.source, 'resources'),
        });
      });
    }
  },
});
