import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'no-dangling-disruption-budget',
  pillar: 'operations',
  title: 'Disruption budgets select the pods of some workload',
  rationale:
    'A PodDisruptionBudget whose selector matches no pod protects nothing: node drains evict the workload it was written for as if no budget existed.',
  remediation:
    'Make spec.selector match the pod template labels of the workload to protect, in the same namespace, or remove the budget.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Only budgets are checked here; a workload with no budget is another rule. A budget without a selector matches no pod in policy/v1 and is reported too. Pods created by an operator from a custom resource are not visible to the model; suppress with a reason for such budgets.',
  references: [
    {
      title: 'Kubernetes: specifying a disruption budget for your application',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    },
  ],
  messages: {
    'no-match': (data: { budget: string }) => `${data.budget} selects no workload's pods in its namespace.`,
  },
  appliesTo: (model) => model.disruptionBudgets.length,
  check({ model, report }) {
    for (const budget of model.disruptionBudgets) {
      if (model.workloadsCoveredBy(budget).length > 0) continue;
      report({
        messageId: 'no-match',
        data: { budget: describeNode(budget) },
        node: budget,
        at: pointerTo(budget.source, 'spec', 'selector'),
      });
    }
  },
});
