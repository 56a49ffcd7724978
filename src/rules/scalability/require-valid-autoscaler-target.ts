import { pointerTo } from '../../core/source.js';
import { WORKLOAD_KINDS } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isUnreadable } from '../helpers.js';

const KNOWN_TARGET_KINDS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

export default defineRule({
  id: 'require-valid-autoscaler-target',
  pillar: 'scalability',
  title: 'Autoscalers target a workload that exists',
  rationale:
    'A HorizontalPodAutoscaler whose scaleTargetRef names nothing scales nothing: the workload it was meant to protect runs at a fixed size and the mistake stays silent until load arrives.',
  remediation:
    'Point spec.scaleTargetRef at the kind and name of a workload defined in the same namespace, or remove the autoscaler.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Like kube-linter dangling-horizontalpodautoscaler and kube-score horizontalpodautoscaler-has-target. The target must match kind, name and namespace. A target of a kind the model does not interpret (a custom resource with a scale subresource) counts as found when an object of that kind and name is in the repository; when none is, the rule is undecided rather than failed, since the custom resource may well be defined elsewhere. A target of a known workload kind deployed from another repository cannot be seen; suppress with a reason.',
  references: [
    {
      title: 'Kubernetes: horizontal pod autoscaling',
      url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    },
  ],
  messages: {
    missing: (data: { autoscaler: string }) => `${data.autoscaler} has no scaleTargetRef.`,
    'not-found': (data: { autoscaler: string; kind: string; name: string }) =>
      `${data.autoscaler} targets ${data.kind} "${data.name}", which is not defined in its namespace.`,
  },
  appliesTo: (model) => model.autoscalers.length,
  check({ model, report, undecided }) {
    const unmodelled = new Set(model.unmodelled.map((object) => object.id));
    for (const autoscaler of model.autoscalers) {
      const target = autoscaler.target;
      const targetAt = pointerTo(autoscaler.source, 'spec', 'scaleTargetRef');
      const unreadable = [targetAt, pointerTo(targetAt, 'kind'), pointerTo(targetAt, 'name')].find((at) =>
        isUnreadable(autoscaler, at),
      );
      if (unreadable !== undefined) {
        undecided({
          node: autoscaler,
          at: unreadable,
          reason: `${describeNode(autoscaler)} has a scaleTargetRef of the wrong type, so its target is unknown.`,
        });
        continue;
      }
      if (target === undefined) {
        report({
          messageId: 'missing',
          data: { autoscaler: describeNode(autoscaler) },
          node: autoscaler,
          at: targetAt,
        });
        continue;
      }
      if (model.autoscalerTarget(autoscaler) !== undefined) continue;
      if (unmodelled.has(`${target.kind}/${autoscaler.namespace}/${target.name}`)) continue;
      if (target.kind !== '' && !KNOWN_TARGET_KINDS.has(target.kind)) {
        undecided({
          node: autoscaler,
          at: pointerTo(target.source, 'kind'),
          reason: `${describeNode(autoscaler)} targets ${target.kind} "${target.name}", a kind prodready does not model (a custom resource defined elsewhere, say), so the target cannot be checked.`,
        });
        continue;
      }
      report({
        messageId: 'not-found',
        data: { autoscaler: describeNode(autoscaler), kind: target.kind || 'an unnamed kind', name: target.name },
        node: autoscaler,
        at: pointerTo(target.source, 'name'),
      });
    }
  },
});
