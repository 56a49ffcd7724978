import { pointerTo } from '../../core/source.js';
import type { PolicyRule } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, unreadableWithin } from '../helpers.js';

const LISTING_VERBS = new Set(['list', 'watch', '*']);

/** Whether the rule covers Secrets: the core API group and the secrets resource. */
function coversSecrets(rule: PolicyRule): boolean {
  const coreGroup = rule.apiGroups.includes('') || rule.apiGroups.includes('*');
  return coreGroup && (rule.resources.includes('secrets') || rule.resources.includes('*'));
}

export default defineRule({
  id: 'no-broad-secret-access',
  pillar: 'security',
  title: 'Roles do not read every Secret',
  rationale:
    'Listing or watching Secrets returns the content of every Secret in scope, and get in a ClusterRole reaches Secrets of every namespace, so one leaked token exposes all database passwords and API keys at once.',
  remediation:
    'Remove list, watch and wildcard verbs on secrets, and grant get only in a namespaced Role, restricted with resourceNames to the Secrets the subject needs.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    "Reported when a rule covering the core API group and secrets (or '*') grants list, watch or '*' (a list returns Secret values, not just names), or when a ClusterRole grants get on them. A rule limited by resourceNames to named Secrets is not reported.",
  references: [
    {
      title: 'Kubernetes: role based access control good practices (listing secrets)',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    },
    {
      title: 'Kubernetes: good practices for Kubernetes secrets',
      url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    },
  ],
  messages: {
    'reads-secrets': (data: { role: string; rule: number; verbs: string }) =>
      `Rule ${data.rule} of ${data.role} lets its subjects read Secrets broadly (${data.verbs}).`,
  },
  appliesTo: (model) => model.roles.length,
  check({ model, report, undecided }) {
    for (const role of model.roles) {
      role.rules.forEach((rule, index) => {
        // A rule limited to named Secrets grants those only.
        const granted =
          !coversSecrets(rule) || rule.resourceNames.length > 0
            ? []
            : rule.verbs.filter(
                (verb) => LISTING_VERBS.has(verb) || (role.roleKind === 'ClusterRole' && verb === 'get'),
              );
        if (granted.length === 0) {
          const unreadable = unreadableWithin(role, rule.source);
          if (unreadable !== undefined) {
            undecided({
              node: role,
              at: unreadable,
              reason: `Rule ${index + 1} of ${describeNode(role)} has a field of the wrong type, so whether it reads Secrets is unknown.`,
            });
          }
          return;
        }
        report({
          messageId: 'reads-secrets',
          data: { role: describeNode(role), rule: index + 1, verbs: granted.join(', ') },
          node: role,
          at: pointerTo(rule.source, 'verbs'),
        });
      });
    }
  },
});
