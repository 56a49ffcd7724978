import type { ComplianceFramework } from '../core/vocabulary.js';
import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile, isDocument } from './evidence-files.js';

/** Frameworks that ask for a written retention limit: GDPR Art. 5(1)(e), HIPAA, PCI DSS 3.2.1. */
const RETENTION_FRAMEWORKS: readonly ComplianceFramework[] = ['gdpr', 'hipaa', 'pci-dss'];

export default defineAttestation({
  id: 'data-retention-policy',
  pillar: 'security',
  title: 'A data retention policy says how long personal data is kept and how it is deleted',
  rationale:
    'Data kept longer than needed is data that can leak, and GDPR, HIPAA and PCI DSS all expect a written limit and a way to delete or anonymise what has passed it.',
  evidence:
    'The retention policy: the categories of data, how long each is kept and why, and how deletion is carried out and checked (in databases, backups and logs).',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'launch', compliance: RETENTION_FRAMEWORKS }],
  maxAgeDays: 365,
  status: 'stable',
  references: [
    {
      title: 'Regulation (EU) 2016/679 (GDPR), Article 5(1)(e): storage limitation',
      url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
    },
    {
      title: 'NIST SP 800-88 Rev. 1: guidelines for media sanitization',
      url: 'https://csrc.nist.gov/pubs/sp/800/88/r1/final',
    },
  ],
  appliesWhen: ({ profile }) =>
    profile.stage === 'enterprise' || profile.compliance.some((framework) => RETENTION_FRAMEWORKS.includes(framework)),
  detect: (model) =>
    findEvidenceFile(model, [
      {
        matches: (parts) => /data[-_]?retention/.test(parts.name),
        description: 'Data retention policy in the repository',
      },
      {
        matches: (parts) => parts.name.includes('retention') && isDocument(parts),
        description: 'Retention policy document in the repository',
      },
    ]),
});
