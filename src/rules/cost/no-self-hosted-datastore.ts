import { pointerTo, type SourcePointer } from '../../core/source.js';
import { describeComposeService, productionComposeServices } from '../../model/compose.js';
import type { ModelNode, SystemModel } from '../../model/types.js';
import { engineOfImage, type StatefulEngine } from '../../reference/engines.js';
import {
  describeEquivalents,
  hasManagedEquivalent,
  MANAGED_CLOUDS,
  MANAGED_EQUIVALENTS,
  type ManagedCloud,
} from '../../reference/managed-equivalents.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, isLongRunning } from '../helpers.js';

/**
 * The clouds to advise on: the one cloud of the Terraform clusters when they all share it,
 * else all three.
 */
function cloudsOf(model: SystemModel): readonly ManagedCloud[] {
  const providers = [...new Set(model.clusters.map((cluster) => cluster.provider))];
  return providers.length === 1 ? providers : MANAGED_CLOUDS;
}

interface SelfHosted {
  readonly subject: string;
  readonly node: ModelNode;
  readonly at: SourcePointer;
  readonly engine: StatefulEngine;
}

/** Whether the rule advises on an engine: its category, and a managed service on the clouds in view. */
function advisable(engine: StatefulEngine | undefined, clouds: readonly ManagedCloud[]): engine is StatefulEngine {
  return engine !== undefined && engine.category !== 'queue' && hasManagedEquivalent(engine.engine, clouds);
}

/** Long-running Kubernetes workloads and compose services that run the engine themselves. */
function selfHosted(model: SystemModel): readonly SelfHosted[] {
  const clouds = cloudsOf(model);
  const found: SelfHosted[] = [];
  for (const workload of model.workloads.filter(isLongRunning)) {
    const container = containersOf(workload).find((candidate) => engineOfImage(candidate.image ?? '') !== undefined);
    const engine = container === undefined ? undefined : engineOfImage(container.image ?? '');
    if (container === undefined || !advisable(engine, clouds)) continue;
    found.push({ subject: describeNode(workload), node: workload, at: pointerTo(container.source, 'image'), engine });
  }
  for (const service of productionComposeServices(model)) {
    const engine = service.image === undefined ? undefined : engineOfImage(service.image.reference);
    if (service.image === undefined || !advisable(engine, clouds)) continue;
    found.push({
      subject: `Compose ${describeComposeService(service)}`,
      node: service,
      at: service.image.source,
      engine,
    });
  }
  return found;
}

export default defineRule({
  id: 'no-self-hosted-datastore',
  pillar: 'cost',
  title: 'Databases, caches, search engines and object stores run as managed services',
  rationale:
    'A datastore run in the cluster or with Compose makes the team its operator: patching, backups and restores, failover and capacity are engineering hours every month and a pager at night, work a managed service includes in its price.',
  remediation:
    'Move the datastore to the managed service of your cloud named in the finding, with high availability and backups switched on, and point the workloads at it through a Secret or configuration.',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'growth', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'Engines are recognised by the image of an app container of a long-running workload, or of a compose service outside files meant for development by their path (postgres, mysql, mongo, redis, elasticsearch, cassandra, minio…); queues are left to no-self-hosted-message-broker, and engines no cloud offers managed (ClickHouse, etcd, ZooKeeper) are not reported. Self-hosting is cheap on the invoice and costly in hours; it is advice until growth and a blocker for enterprise, and required from growth when the SLA is 99.95% or more, because meeting that SLA on a hand-run datastore takes replication, tested failover and on-call work that a managed service with a published SLA already does. When every Kubernetes cluster declared in Terraform runs on one cloud, the finding names that cloud’s equivalent (and the rule stays quiet if that cloud has none); otherwise it names the equivalents on Azure, AWS and GCP. Operator resources (a CloudNativePG Cluster, a Strimzi Kafka…) are not reported because the model keeps no source location for them.',
  references: [
    {
      title: 'AWS Well-Architected Framework: operational excellence',
      url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/a-operational-excellence.html',
    },
    {
      title: 'Azure Database for PostgreSQL flexible server',
      url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/overview',
    },
    { title: 'Amazon RDS user guide', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Welcome.html' },
    { title: 'Cloud SQL documentation', url: 'https://cloud.google.com/sql/docs' },
  ],
  messages: {
    'self-hosted': (data: { subject: string; engine: string; burden: string; equivalents: string }) =>
      `${data.subject} runs ${data.engine} itself; a managed service takes over ${data.burden}. ${data.equivalents}.`,
  },
  appliesTo: (model) => model.workloads.filter(isLongRunning).length + productionComposeServices(model).length,
  check({ model, report }) {
    for (const { subject, node, at, engine } of selfHosted(model)) {
      report({
        messageId: 'self-hosted',
        data: {
          subject,
          engine: engine.engine,
          burden: MANAGED_EQUIVALENTS[engine.engine].burden,
          equivalents: describeEquivalents(engine.engine, cloudsOf(model)),
        },
        node,
        at,
      });
    }
  },
});
