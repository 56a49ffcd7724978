import { servicesOf } from '../../model/infrastructure-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-queue-zone-redundancy',
  pillar: 'availability',
  title: 'Managed queues and brokers survive the loss of a zone',
  rationale:
    'When the broker stops, producers fail or buffer and consumers starve; a broker on a tier without zone redundancy stops with its zone.',
  remediation:
    'Choose the zone-redundant configuration: sku "Premium" (Service Bus), "Premium" or "Standard" with zone_redundant (Event Hubs), deployment_mode "ACTIVE_STANDBY_MULTI_AZ" or "CLUSTER_MULTI_AZ" (Amazon MQ), client subnets in two or more zones (MSK).',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'Service Bus offers availability zones only on Premium (99.95% against 99.9% for Standard); Event Hubs Premium and Dedicated are zone-redundant, Standard when asked. Pub/Sub and MSK across subnets are zone-redundant by design. Microsoft has been enabling zones on existing namespaces where the region allows, so a Standard namespace may already be better than reported; the rule judges what the configuration asks for. Required from launch with an SLA of 99.95% or more, which a Standard Service Bus namespace cannot earn.',
  references: [
    {
      title: 'Reliability in Azure Service Bus',
      url: 'https://learn.microsoft.com/azure/reliability/reliability-service-bus',
    },
    {
      title: 'Reliability in Azure Event Hubs',
      url: 'https://learn.microsoft.com/azure/reliability/reliability-event-hubs',
    },
    {
      title: 'Amazon MQ: broker architecture',
      url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/amazon-mq-broker-architecture.html',
    },
  ],
  messages: {
    'not-zone-redundant': (data: { queue: string; basis: string }) =>
      `${data.queue} is not zone-redundant (${data.basis}).`,
    'single-instance': (data: { queue: string; basis: string }) =>
      `${data.queue} runs a single broker (${data.basis}).`,
  },
  appliesTo: (model) => servicesOf(model, 'queue').length,
  check({ model, report, undecided }) {
    for (const queue of servicesOf(model, 'queue')) {
      const { availability } = queue;
      const data = { queue: queue.address, basis: availability.basis };
      if (availability.tier === 'unknown') {
        undecided({ node: queue, at: availability.at, reason: `${queue.address}: ${availability.basis}.` });
      } else if (availability.tier === 'single') {
        report({ messageId: 'single-instance', data, node: queue, at: availability.at });
      } else if (availability.tier === 'zonal-ha') {
        report({ messageId: 'not-zone-redundant', data, node: queue, at: availability.at });
      }
    }
  },
});
