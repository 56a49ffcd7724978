import { decide } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-point-in-time-restore',
  pillar: 'availability',
  title: 'Databases with optional continuous backup have it turned on',
  rationale:
    'Daily snapshots lose up to a day of writes when a table is dropped or overwritten; point-in-time restore brings the data back to the second before the mistake.',
  remediation:
    'Turn on continuous backup: point_in_time_recovery { enabled = true } (DynamoDB), point_in_time_recovery_enabled or binary_log_enabled in backup_configuration (Cloud SQL), a backup block of type "Continuous" (Cosmos DB).',
  requiredFrom: 'growth',
  status: 'experimental',
  notes:
    'Applies only where point-in-time restore is an option that is off by default: DynamoDB tables, Cloud SQL instances and Cosmos DB accounts. RDS, Aurora, Azure SQL and the Azure flexible servers restore to any point within their backup retention without a switch, which require-database-backup-retention checks. Required from growth: before then the data set and the team are small enough for daily snapshots to be an accepted risk.',
  references: [
    {
      title: 'Amazon DynamoDB: point-in-time recovery',
      url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
    },
    {
      title: 'Cloud SQL: use point-in-time recovery',
      url: 'https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr',
    },
    {
      title: 'Azure Cosmos DB: continuous backup with point-in-time restore',
      url: 'https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction',
    },
  ],
  messages: {
    disabled: (data: { database: string }) =>
      `${data.database} cannot be restored to a point in time: continuous backup is off.`,
  },
  appliesTo: (model) => withOption(model).length,
  check({ model, report, undecided }) {
    for (const database of withOption(model)) {
      const setting = database.backup?.pointInTimeRestore;
      if (setting === undefined) continue;
      const decision = decide(database, 'point-in-time restore', setting);
      if (!decision.known) undecided({ node: database, at: decision.at, reason: decision.reason });
      else if (decision.value !== true) {
        report({ messageId: 'disabled', data: { database: database.address }, node: database, at: decision.at });
      }
    }
  },
});

function withOption(model: SystemModel) {
  return model.managedServices.filter((service) => service.backup?.pointInTimeRestore !== undefined);
}
