import { servicesOf } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-zone-redundant-database',
  pillar: 'availability',
  title: 'Managed databases survive the loss of a zone',
  rationale:
    'A managed database in one zone stops with that zone, and every path that writes to it stops too; the providers publish a lower SLA for single-zone configurations (RDS Single-AZ 99.5% against Multi-AZ 99.95%).',
  remediation:
    'Enable the zone-redundant configuration: high_availability with mode "ZoneRedundant" (Azure flexible servers), zone_redundant (Azure SQL), zone-redundant regions (Cosmos DB), multi_az (RDS), two or more Aurora instances, or availability_type "REGIONAL" (Cloud SQL).',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'The tier is read from the attributes that select it (reference/managed-service-tiers.ts, from the provider SLA pages). A standby in the same zone (Azure "SameZone", a non-zone-redundant Azure SQL or Cosmos DB account) is reported separately from no standby at all. DynamoDB and Aurora storage are multi-zone by design; an Aurora cluster needs a second instance to fail over. Required from launch when the promised SLA is 99.95% or more: a single-zone database cannot earn that figure, since its own SLA sits at or below it.',
  references: [
    {
      title: 'Azure Database for PostgreSQL flexible server: high availability',
      url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability',
    },
    {
      title: 'Amazon RDS: Multi-AZ deployments',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
    },
    {
      title: 'Cloud SQL: about high availability',
      url: 'https://cloud.google.com/sql/docs/postgres/high-availability',
    },
  ],
  messages: {
    'single-zone': (data: { database: string; basis: string }) =>
      `${data.database} runs in a single zone with no standby (${data.basis}).`,
    'same-zone': (data: { database: string; basis: string }) =>
      `${data.database} has its standby in the same zone, so a zone outage stops it (${data.basis}).`,
  },
  appliesTo: (model) => databases(model).length,
  check({ model, report, undecided }) {
    for (const database of databases(model)) {
      const { availability } = database;
      const data = { database: database.address, basis: availability.basis };
      if (availability.tier === 'unknown') {
        undecided({ node: database, at: availability.at, reason: `${database.address}: ${availability.basis}.` });
      } else if (availability.tier === 'single') {
        report({ messageId: 'single-zone', data, node: database, at: availability.at });
      } else if (availability.tier === 'zonal-ha') {
        report({ messageId: 'same-zone', data, node: database, at: availability.at });
      }
    }
  },
});

function databases(model: SystemModel) {
  return servicesOf(model, 'database').filter(
    (service) => service.availability.tier !== 'not-applicable' && service.availability.tier !== 'provider-managed',
  );
}
