import accessReview from './access-review.js';
import alertingRules from './alerting-rules.js';
import backupRestoreTested from './backup-restore-tested.js';
import dataRetentionPolicy from './data-retention-policy.js';
import type { AttestationDefinition } from './define-attestation.js';
import disasterRecoveryDrill from './disaster-recovery-drill.js';
import incidentResponseRunbook from './incident-response-runbook.js';
import loadTestAtPeak from './load-test-at-peak.js';
import onCallRotation from './on-call-rotation.js';
import penetrationTest from './penetration-test.js';
import postmortemPractice from './postmortem-practice.js';
import securityTraining from './security-training.js';
import statusPage from './status-page.js';

/** Every attestation, by id, in pillar order and then alphabetically. */
export const ATTESTATIONS = {
  'backup-restore-tested': backupRestoreTested,
  'disaster-recovery-drill': disasterRecoveryDrill,
  'load-test-at-peak': loadTestAtPeak,
  'access-review': accessReview,
  'data-retention-policy': dataRetentionPolicy,
  'penetration-test': penetrationTest,
  'security-training': securityTraining,
  'alerting-rules': alertingRules,
  'incident-response-runbook': incidentResponseRunbook,
  'on-call-rotation': onCallRotation,
  'postmortem-practice': postmortemPractice,
  'status-page': statusPage,
} satisfies Record<string, AttestationDefinition>;

export const ALL_ATTESTATIONS: readonly AttestationDefinition[] = Object.values(ATTESTATIONS);

export function findAttestation(id: string): AttestationDefinition | undefined {
  return ALL_ATTESTATIONS.find((attestation) => attestation.id === id);
}
