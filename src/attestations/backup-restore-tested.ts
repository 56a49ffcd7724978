import { defineAttestation } from './define-attestation.js';

export default defineAttestation({
  id: 'backup-restore-tested',
  pillar: 'availability',
  title: 'Backups are restored in a test, not only taken',
  rationale:
    'A backup that has never been restored is a hope, not a recovery plan: restores fail on missing keys, wrong formats or a step nobody wrote down, and the first attempt should not be during an outage.',
  evidence:
    'A link to the restore test record: the date, the backup restored, the time it took and the data checked after the restore.',
  requiredFrom: 'launch',
  maxAgeDays: 183,
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: data integrity, what you read is what you wrote',
      url: 'https://sre.google/sre-book/data-integrity/',
    },
    {
      title: 'AWS Well-Architected REL09-BP04: perform periodic recovery of the data to verify backup integrity',
      url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_backing_up_data_periodic_recovery_testing_data.html',
    },
  ],
});
