import { settingValue } from '../../model/infrastructure.js';
import { servicesOf } from '../../model/infrastructure-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-cache-high-availability',
  pillar: 'availability',
  title: 'Managed caches run with a replica that takes over',
  rationale:
    'A single-node cache loses its data and its endpoint when the node is patched or fails; sessions, rate limits and queues kept in it go with it, and the cold cache then floods the database.',
  remediation:
    'Run the cache with a replica and automatic failover: sku_name "Standard" or "Premium" (Azure Cache for Redis), a replication group with two or more nodes and automatic_failover_enabled (ElastiCache), tier "STANDARD_HA" (Memorystore).',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'experimental',
  notes:
    'A replica in the same zone passes here; zone redundancy of caches is left to the availability scenarios. Azure Basic caches and Memorystore Basic instances have no replica and no SLA; an ElastiCache replica is not promoted unless automatic_failover_enabled is true. Required from launch with an SLA of 99.9% or more, since the Basic tiers carry no SLA at all.',
  references: [
    {
      title: 'Azure Cache for Redis: high availability',
      url: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-high-availability',
    },
    {
      title: 'Amazon ElastiCache: minimizing downtime with Multi-AZ',
      url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html',
    },
    {
      title: 'Memorystore for Redis: tier capabilities',
      url: 'https://cloud.google.com/memorystore/docs/redis/redis-tiers',
    },
  ],
  messages: {
    'no-replica': (data: { cache: string; basis: string }) => `${data.cache} has no replica (${data.basis}).`,
    'no-failover': (data: { cache: string; basis: string }) =>
      `${data.cache} has a replica that is not promoted when the primary fails (${data.basis}).`,
  },
  appliesTo: (model) => servicesOf(model, 'cache').length,
  check({ model, report, undecided }) {
    for (const cache of servicesOf(model, 'cache')) {
      const { availability } = cache;
      if (availability.tier === 'unknown') {
        undecided({ node: cache, at: availability.at, reason: `${cache.address}: ${availability.basis}.` });
      } else if (availability.tier === 'single') {
        const replicas = settingValue(cache.replicas);
        report({
          messageId: replicas === undefined || replicas === 0 ? 'no-replica' : 'no-failover',
          data: { cache: cache.address, basis: availability.basis },
          node: cache,
          at: availability.at,
        });
      }
    }
  },
});
