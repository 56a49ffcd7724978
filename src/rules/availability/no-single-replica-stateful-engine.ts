import type { SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, engineOf, replicasAtRest, unreadableReplicasReason } from '../helpers.js';

/** Deployments and StatefulSets that run a recognised datastore or queue. */
function subjects(model: SystemModel): readonly Workload[] {
  return model.workloads.filter(
    (workload) =>
      (workload.workloadKind === 'StatefulSet' || workload.workloadKind === 'Deployment') &&
      engineOf(workload) !== undefined,
  );
}

export default defineRule({
  id: 'no-single-replica-stateful-engine',
  pillar: 'availability',
  title: 'Self-hosted datastores and queues do not run as a single pod',
  rationale:
    'A single pod of a database, cache or queue is a single point of failure: every restart, drain or node loss is an outage for everything that depends on it, and data on that one volume has no live copy.',
  remediation:
    'Move the datastore to a managed service, or run it replicated (an operator or a clustered chart with at least two members and a failover mechanism) with backups.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Engines are recognised by image name (postgres, mysql, redis, kafka and the like). Raising replicas alone does not replicate data; the count is only the visible symptom. At launch a managed service is usually cheaper and safer than operating a replicated engine in the cluster.',
  references: [
    {
      title: 'Kubernetes: run a replicated stateful application',
      url: 'https://kubernetes.io/docs/tasks/run-application/run-replicated-stateful-application/',
    },
    {
      title: 'Kubernetes: StatefulSets',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/',
    },
  ],
  messages: {
    'single-replica': (data: { workload: string; engine: string; replicas: number }) =>
      `${data.workload} runs ${data.engine} with ${data.replicas} replica${data.replicas === 1 ? '' : 's'}: one pod failure is an outage and its data has no live copy.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report, undecided }) {
    for (const workload of subjects(model)) {
      const engine = engineOf(workload);
      const replicas = replicasAtRest(model, workload);
      if (engine === undefined || replicas === undefined) continue;
      if (replicas.count === undefined) {
        undecided({ node: workload, at: replicas.at, reason: unreadableReplicasReason(workload, replicas) });
        continue;
      }
      if (replicas.count >= 2) continue;
      report({
        messageId: 'single-replica',
        data: { workload: describeNode(workload), engine: engine.engine, replicas: replicas.count },
        node: workload,
        at: replicas.at,
      });
    }
  },
});
