import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile } from './evidence-files.js';

/** Statuspage, Upptime (`.upptimerc.yml`), Cachet, or a `status-page` directory or file. */
const STATUS_PAGE_NAME = /(^|[^a-z0-9])(status[-_]?page|\.?upptime|cachet(?![a-z]))/;

export default defineAttestation({
  id: 'status-page',
  pillar: 'operations',
  title: 'Users can see the system status on a status page',
  rationale:
    'During an outage users and support need one place that says what is broken and when it will be back; without it the support queue floods and trust erodes.',
  evidence:
    'The status page address, the components it lists and who updates it during an incident (or how it is updated automatically).',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: managing incidents (the communications role)',
      url: 'https://sre.google/sre-book/managing-incidents/',
    },
    {
      title: 'Upptime: status page and uptime monitor as code',
      url: 'https://upptime.js.org/',
    },
  ],
  detect: (model) =>
    findEvidenceFile(model, [
      {
        matches: (parts) => [...parts.directories, parts.name].some((segment) => STATUS_PAGE_NAME.test(segment)),
        description: 'Status page configuration in the repository',
      },
    ]),
});
