import { decide } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-geo-redundant-backup',
  pillar: 'availability',
  title: 'Database backups are copied to a second region',
  rationale:
    'Backups kept only in the region of the database disappear with it in a regional outage or an account-level mistake, leaving no way to restore the data elsewhere.',
  remediation:
    'Copy backups to another region: geo_redundant_backup_enabled = true (Azure flexible servers), storage_account_type "Geo" or "GeoZone" (Azure SQL), backup storage_redundancy "Geo" (Cosmos DB), an aws_db_instance_automated_backups_replication for the instance (RDS).',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'growth', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'Azure SQL and Cosmos DB periodic backups are geo-redundant unless set otherwise; the Azure flexible servers and RDS instances keep backups in their region by default. Cloud SQL, DynamoDB and Aurora are not judged: their cross-region copies are separate resources or schedules that the model does not read yet. Required from growth with an SLA of 99.95% or more, where a regional outage must not mean losing the data; otherwise from enterprise, where customers ask for a documented regional recovery.',
  references: [
    {
      title: 'Azure Database for PostgreSQL flexible server: geo-redundant backup',
      url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore',
    },
    {
      title: 'Amazon RDS: replicating automated backups to another Region',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html',
    },
  ],
  messages: {
    'single-region': (data: { database: string }) => `${data.database} keeps its backups in its own region only.`,
  },
  appliesTo: (model) => withOption(model).length,
  check({ model, report, undecided }) {
    for (const database of withOption(model)) {
      const setting = database.backup?.geoRedundant;
      if (setting === undefined) continue;
      const decision = decide(database, 'geo-redundant backup', setting);
      if (!decision.known) undecided({ node: database, at: decision.at, reason: decision.reason });
      else if (decision.value !== true) {
        report({ messageId: 'single-region', data: { database: database.address }, node: database, at: decision.at });
      }
    }
  },
});

function withOption(model: SystemModel) {
  return model.managedServices.filter((service) => service.backup?.geoRedundant !== undefined);
}
