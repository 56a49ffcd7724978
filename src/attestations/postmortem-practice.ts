import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile, isDocument, isReadmeOrTemplate, underDirectory } from './evidence-files.js';

export default defineAttestation({
  id: 'postmortem-practice',
  pillar: 'operations',
  title: 'Incidents end with a blameless postmortem',
  rationale:
    'An incident that is fixed but not understood comes back; a blameless postmortem with owned follow-up actions turns each outage into a lasting fix.',
  evidence:
    'The postmortem process and the most recent postmortems: impact, timeline, root causes and follow-up actions with owners and their status.',
  requiredFrom: 'growth',
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: postmortem culture, learning from failure',
      url: 'https://sre.google/sre-book/postmortem-culture/',
    },
    {
      title: 'Google SRE workbook: postmortem culture',
      url: 'https://sre.google/workbook/postmortem-culture/',
    },
  ],
  detect: (model) =>
    findEvidenceFile(model, [
      {
        // A template or README alone describes the practice; a written postmortem shows it.
        matches: (parts) =>
          underDirectory(parts, /^(post[-_]?mortems?|incidents|retrospectives)$/) &&
          isDocument(parts) &&
          !isReadmeOrTemplate(parts),
        description: 'Postmortems in the repository',
      },
    ]),
});
