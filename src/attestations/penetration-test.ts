import { defineAttestation } from './define-attestation.js';

export default defineAttestation({
  id: 'penetration-test',
  pillar: 'security',
  title: 'An independent penetration test covers the system',
  rationale:
    'Scanners and reviews find known patterns; a skilled tester chains small weaknesses into a breach, and auditors ask for the report and the fixes.',
  evidence:
    'The penetration test report: the date, who tested, the scope (applications, APIs, network), the findings by severity and the record that the high and critical ones were fixed and retested.',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'launch', compliance: ['pci-dss', 'soc2', 'hipaa', 'iso27001'] }],
  maxAgeDays: 365,
  status: 'stable',
  references: [
    {
      title: 'NIST SP 800-115: technical guide to information security testing and assessment',
      url: 'https://csrc.nist.gov/pubs/sp/800/115/final',
    },
    {
      title: 'OWASP Web Security Testing Guide',
      url: 'https://owasp.org/www-project-web-security-testing-guide/',
    },
  ],
});
