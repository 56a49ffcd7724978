import { defineAttestation } from './define-attestation.js';

export default defineAttestation({
  id: 'security-training',
  pillar: 'security',
  title: 'People with access take security awareness training',
  rationale:
    'Phishing and mishandled credentials remain the usual way in; people who know what an attack looks like report it instead of enabling it.',
  evidence:
    'The training record: the course or programme, the date of the last round and the share of people with production access who completed it.',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'launch', compliance: ['soc2', 'hipaa', 'pci-dss', 'iso27001'] }],
  maxAgeDays: 365,
  status: 'stable',
  references: [
    {
      title: 'NIST SP 800-50 Rev. 1: building a cybersecurity and privacy learning program',
      url: 'https://doi.org/10.6028/NIST.SP.800-50r1',
    },
  ],
});
