import { defineAttestation } from './define-attestation.js';

export default defineAttestation({
  id: 'disaster-recovery-drill',
  pillar: 'availability',
  title: 'The disaster recovery plan is exercised in a drill',
  rationale:
    'Losing a region or an account is rare enough that nobody remembers how to recover from it; only a drill shows whether the recovery meets the promised RTO and RPO.',
  evidence:
    'The drill report: the date, the failure simulated (a region, a cluster, an account), the recovery time and data loss measured against the RTO and RPO, and the follow-up actions.',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'growth', slaAtLeast: 99.95, compliance: ['hipaa', 'iso27001'] }],
  maxAgeDays: 365,
  status: 'stable',
  references: [
    {
      title: 'NIST SP 800-34 Rev. 1: contingency planning guide for federal information systems',
      url: 'https://doi.org/10.6028/NIST.SP.800-34r1',
    },
    {
      title: 'AWS Well-Architected REL13-BP03: test disaster recovery implementation to validate the implementation',
      url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_dr_tested.html',
    },
  ],
});
