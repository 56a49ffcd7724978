import { pointerTo } from '../../core/source.js';
import type { SystemModel, Workload } from '../../model/types.js';
import { type EngineName, operatorKindOf, operatorKindsFor, type StatefulEngine } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { describeNode, engineOf } from '../helpers.js';

interface HandMade {
  readonly workload: Workload;
  readonly engine: StatefulEngine;
}

/** StatefulSets that run an engine for which an operator is known. */
function subjects(model: SystemModel): readonly HandMade[] {
  return model.workloads.flatMap((workload) => {
    if (workload.workloadKind !== 'StatefulSet') return [];
    const engine = engineOf(workload);
    return engine === undefined || operatorKindsFor(engine.engine).length === 0 ? [] : [{ workload, engine }];
  });
}

/** Engines that some operator resource in the repository declares. */
function operatedEngines(model: SystemModel): ReadonlySet<EngineName> {
  const engines = new Set<EngineName>();
  for (const object of model.unmodelled) {
    const operator = operatorKindOf(object);
    if (operator !== undefined) engines.add(operator.engine);
  }
  return engines;
}

/** `CloudNativePG Cluster, Zalando Postgres Operator postgresql`: the first three operators for an engine. */
function describeOperators(engine: EngineName): string {
  const kinds = operatorKindsFor(engine);
  const named = kinds.slice(0, 3).map((entry) => `${entry.operator} ${entry.kind}`);
  return kinds.length > 3 ? `${named.join(', ')}…` : named.join(', ');
}

export default defineRule({
  id: 'require-datastore-operator',
  pillar: 'availability',
  title: 'Self-hosted datastores and queues are run by an operator',
  rationale:
    'A StatefulSet only starts pods in order: replication, leader failover, backups and version upgrades of the datastore inside are left to scripts and people, so a primary lost at night stays lost until someone promotes a replica by hand.',
  remediation:
    'Run the engine through its operator (CloudNativePG, Strimzi, the RabbitMQ Cluster Operator, ECK…) with replicas, automated failover and scheduled backups, or move it to a managed service.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'A StatefulSet whose app container runs a recognised engine (by image name) is reported unless an operator resource of the same engine, such as a postgresql.cnpg.io Cluster or a kafka.strimzi.io Kafka, is declared anywhere in the scanned tree; the operator kinds are listed in src/reference/engines.ts (OPERATOR_KINDS). Engines without a known operator (memcached, NATS, etcd, ZooKeeper) are not checked, and Deployments are left to require-persistent-storage-for-datastore. Replication built into a chart (Patroni or repmgr images in a plain StatefulSet) is not recognised. Required from growth, when a datastore failure must not wait for a person; from launch at an SLA of 99.95% or more, which leaves about 22 minutes a month for a manual failover.',
  references: [
    {
      title: 'Kubernetes: operator pattern',
      url: 'https://kubernetes.io/docs/concepts/extend-kubernetes/operator/',
    },
    {
      title: 'Kubernetes: StatefulSets',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/',
    },
  ],
  messages: {
    'no-operator': (data: { workload: string; engine: string; operators: string }) =>
      `${data.workload} runs ${data.engine} by hand: no operator resource for it (${data.operators}) is in the repository, so replication, failover and backups are hand-made.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report }) {
    const operated = operatedEngines(model);
    for (const { workload, engine } of subjects(model)) {
      if (operated.has(engine.engine)) continue;
      report({
        messageId: 'no-operator',
        data: { workload: describeNode(workload), engine: engine.engine, operators: describeOperators(engine.engine) },
        node: workload,
        at: pointerTo(workload.source, 'kind'),
      });
    }
  },
});
