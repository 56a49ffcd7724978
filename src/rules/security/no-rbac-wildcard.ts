import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, unreadableWithin } from '../helpers.js';

export default defineRule({
  id: 'no-rbac-wildcard',
  pillar: 'security',
  title: 'RBAC rules name their verbs and resources',
  rationale:
    'A wildcard in a role grants every verb or every resource, including ones added later by upgrades and custom resources, so the role silently grows into far more access than anyone reviewed.',
  remediation: "Replace '*' in the rule's verbs and resources with the explicit verbs and resources the subject needs.",
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    "A '*' in verbs and a '*' in resources are reported separately, each at its own key. A wildcard in apiGroups alone is not reported: with explicit resources and verbs it only extends those resource names to every API group, which is far less severe. Non-resource URLs are not read by the model.",
  references: [
    {
      title: 'Kubernetes: role based access control good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
    {
      title: 'Kubernetes: using RBAC authorization',
      url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
    },
  ],
  messages: {
    'wildcard-verbs': (data: { role: string; rule: number }) =>
      `Rule ${data.rule} of ${data.role} grants every verb ('*').`,
    'wildcard-resources': (data: { role: string; rule: number }) =>
      `Rule ${data.rule} of ${data.role} applies to every resource ('*').`,
  },
  appliesTo: (model) => model.roles.length,
  check({ model, report, undecided }) {
    for (const role of model.roles) {
      role.rules.forEach((rule, index) => {
        const data = { role: describeNode(role), rule: index + 1 };
        const wildcardVerbs = rule.verbs.includes('*');
        const wildcardResources = rule.resources.includes('*');
        if (wildcardVerbs) {
          report({ messageId: 'wildcard-verbs', data, node: role, at: pointerTo(rule.source, 'verbs') });
        }
        if (wildcardResources) {
          report({ messageId: 'wildcard-resources', data, node: role, at: pointerTo(rule.source, 'resources') });
        }
        if (wildcardVerbs || wildcardResources) return;
        const unreadable =
          unreadableWithin(role, pointerTo(rule.source, 'verbs')) ??
          unreadableWithin(role, pointerTo(rule.source, 'resources'));
        if (unreadable === undefined) return;
        undecided({
          node: role,
          at: unreadable,
          reason: `Rule ${index + 1} of ${data.role} has verbs or resources of the wrong type, so what it grants is unknown.`,
        });
      });
    }
  },
});
