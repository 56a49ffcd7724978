import { describeEquivalents, MANAGED_EQUIVALENTS } from '../../reference/managed-equivalents.js';
import { defineRule } from '../define-rule.js';
import { cloudsOf, selfHostedEngines, selfHostingCandidates } from '../self-hosted.js';

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
  appliesTo: selfHostingCandidates,
  check({ model, report }) {
    for (const { subject, node, at, engine } of selfHostedEngines(model, (engine) => engine.category !== 'queue')) {
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
