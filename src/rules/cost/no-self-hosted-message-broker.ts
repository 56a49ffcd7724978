import { describeEquivalents, MANAGED_EQUIVALENTS } from '../../reference/managed-equivalents.js';
import { defineRule } from '../define-rule.js';
import { cloudsOf, selfHostedEngines, selfHostingCandidates } from '../self-hosted.js';

export default defineRule({
  id: 'no-self-hosted-message-broker',
  pillar: 'cost',
  title: 'Message brokers run as managed services',
  rationale:
    'A broker run in the cluster or with Compose carries every message between services, so its upgrades, rebalancing, disk replacement and failover become the team’s work and its outages stop every flow that passes through it; a managed broker includes that work in its price.',
  remediation:
    'Move the broker to the managed service of your cloud named in the finding (check the protocol and features your clients use), and point producers and consumers at it through configuration.',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'growth', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'Kafka (apache/kafka, cp-kafka, redpanda…) and RabbitMQ are recognised by the image of an app container of a long-running workload, or of a compose service outside files meant for development by their path; NATS is not reported because no cloud offers it managed. When every Kubernetes cluster declared in Terraform runs on one cloud, only that cloud’s equivalent is named (and nothing is reported if it has none, as for RabbitMQ on GCP); otherwise all three are. Advice until growth, required for enterprise, and required from growth at an SLA of 99.95% or more, as for no-self-hosted-datastore: a broker that everything passes through needs replication, rolling upgrades and on-call cover to hold such an SLA. Some equivalents speak another protocol (Azure Service Bus for RabbitMQ) or the Kafka protocol on another engine (Event Hubs): the finding says so, because the move then changes the clients too. Strimzi or RabbitMQ operator resources are not reported because the model keeps no source location for them.',
  references: [
    {
      title: 'Amazon MSK developer guide',
      url: 'https://docs.aws.amazon.com/msk/latest/developerguide/what-is-msk.html',
    },
    {
      title: 'Azure Event Hubs for Apache Kafka',
      url: 'https://learn.microsoft.com/azure/event-hubs/azure-event-hubs-kafka-overview',
    },
    {
      title: 'Amazon MQ developer guide',
      url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/welcome.html',
    },
  ],
  messages: {
    'self-hosted': (data: { subject: string; engine: string; burden: string; equivalents: string }) =>
      `${data.subject} runs ${data.engine} itself; a managed broker takes over ${data.burden}. ${data.equivalents}.`,
  },
  appliesTo: selfHostingCandidates,
  check({ model, report }) {
    for (const { subject, node, at, engine } of selfHostedEngines(model, (engine) => engine.category === 'queue')) {
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
