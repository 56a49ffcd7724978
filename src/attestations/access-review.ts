import { defineAttestation } from './define-attestation.js';

export default defineAttestation({
  id: 'access-review',
  pillar: 'security',
  title: 'Access to production is reviewed on a schedule',
  rationale:
    'Access accumulates: people change teams or leave and keep their rights, and a periodic review is the control that takes them away.',
  evidence:
    'The last access review: the date, the systems covered (cloud accounts, clusters, databases, CI), who reviewed and the accounts or roles removed or reduced.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', compliance: ['pci-dss', 'soc2', 'hipaa', 'iso27001'] }],
  maxAgeDays: 183,
  status: 'stable',
  references: [
    {
      title: 'NIST SP 800-53 Rev. 5: security and privacy controls (AC-2 account management)',
      url: 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final',
    },
    {
      title: 'Kubernetes: role based access control good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
  ],
});
