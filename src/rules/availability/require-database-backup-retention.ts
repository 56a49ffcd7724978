import { decide, servicesOf } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** A week covers a bad deploy found after a weekend, and matches what the consoles propose. */
const MINIMUM_DAYS = 7;

export default defineRule({
  id: 'require-database-backup-retention',
  pillar: 'availability',
  title: 'Managed databases keep at least seven days of automated backups',
  rationale:
    'Data corrupted by a bad migration or a buggy release is often noticed days later; with one day of backups (the RDS API default) or none, there is nothing left to restore from.',
  remediation:
    'Enable automated backups and keep them at least seven days: backup_retention_period (RDS), backup_retention_days (Azure flexible servers), short_term_retention_policy (Azure SQL), backup_configuration with retained_backups (Cloud SQL), a backup block (Cosmos DB).',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Left out, the retention is the provider default: 1 day for RDS and Aurora through the API (the console proposes 7), 7 days for Azure flexible servers and Azure SQL, 8 hours for Cosmos DB periodic backups, and no backups at all for Cloud SQL unless backup_configuration.enabled is true. Seven days is the floor most consoles propose; compliance frameworks usually ask for more and are left to the profile.',
  references: [
    {
      title: 'Amazon RDS: backup retention period',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html',
    },
    {
      title: 'Azure Database for PostgreSQL flexible server: backup and restore',
      url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore',
    },
    {
      title: 'Cloud SQL: about backups',
      url: 'https://cloud.google.com/sql/docs/postgres/backup-recovery/backups',
    },
  ],
  messages: {
    disabled: (data: { database: string }) => `${data.database} takes no automated backups.`,
    'too-short': (data: { database: string; days: number; minimum: number }) =>
      `${data.database} keeps automated backups for ${data.days} day(s); keep at least ${data.minimum}.`,
  },
  appliesTo: (model) => withRetention(model).length,
  check({ model, report, undecided }) {
    for (const database of withRetention(model)) {
      const backup = database.backup;
      if (backup === undefined) continue;
      if (backup.enabled !== undefined) {
        const enabled = decide(database, 'backup_configuration.enabled', backup.enabled);
        if (!enabled.known) {
          undecided({ node: database, at: enabled.at, reason: enabled.reason });
          continue;
        }
        if (enabled.value !== true) {
          report({ messageId: 'disabled', data: { database: database.address }, node: database, at: enabled.at });
          continue;
        }
      }
      if (backup.retentionDays === undefined) continue;
      const retention = decide(database, 'backup retention', backup.retentionDays);
      if (!retention.known) {
        undecided({ node: database, at: retention.at, reason: retention.reason });
      } else if (retention.value === 0) {
        report({ messageId: 'disabled', data: { database: database.address }, node: database, at: retention.at });
      } else if (retention.value !== undefined && retention.value < MINIMUM_DAYS) {
        report({
          messageId: 'too-short',
          data: { database: database.address, days: Math.round(retention.value * 100) / 100, minimum: MINIMUM_DAYS },
          node: database,
          at: retention.at,
        });
      }
    }
  },
});

function withRetention(model: SystemModel) {
  return servicesOf(model, 'database').filter(
    (service) => service.backup?.retentionDays !== undefined || service.backup?.enabled !== undefined,
  );
}
