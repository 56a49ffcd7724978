import { resolvePointer } from '../core/source.js';
import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile, isDocument, underDirectory } from './evidence-files.js';

export default defineAttestation({
  id: 'incident-response-runbook',
  pillar: 'operations',
  title: 'Responders have a runbook for incidents',
  rationale:
    'At three in the morning the person paged should not have to work out who decides, who communicates and how to mitigate; a written response process and per-alert runbooks cut the time to recover.',
  evidence:
    'The incident response process (roles, severity levels, escalation, communication) and the runbooks linked from alerts, with the date of their last review.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9, compliance: ['soc2', 'hipaa', 'pci-dss', 'iso27001', 'gdpr'] }],
  maxAgeDays: 365,
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: managing incidents',
      url: 'https://sre.google/sre-book/managing-incidents/',
    },
    {
      title: 'Google SRE workbook: incident response',
      url: 'https://sre.google/workbook/incident-response/',
    },
    {
      title: 'NIST SP 800-61 Rev. 3: incident response recommendations and considerations',
      url: 'https://csrc.nist.gov/pubs/sp/800/61/r3/final',
    },
  ],
  detect: (model) => {
    const alerts = model.alertRules.flatMap((rules) => rules.alerts);
    const linked = alerts.filter((alert) => alert.runbookUrl !== undefined && alert.runbookUrl.trim() !== '');
    const first = linked[0];
    if (first !== undefined) {
      const location = resolvePointer(first.source);
      return {
        file: location.file,
        line: location.line,
        description: `${linked.length} of ${alerts.length} alerts link a runbook (runbook_url)`,
      };
    }
    return findEvidenceFile(model, [
      { matches: (parts) => underDirectory(parts, /^runbooks?$/), description: 'Runbooks in the repository' },
      {
        // Ansible keeps its playbooks (YAML) in playbooks/ too: only prose counts as an incident playbook.
        matches: (parts) => underDirectory(parts, /^playbooks$/) && isDocument(parts),
        description: 'Incident playbooks in the repository',
      },
      {
        matches: (parts) => /runbook/.test(parts.name) && isDocument(parts),
        description: 'Runbook document in the repository',
      },
      {
        matches: (parts) => /incident[-_ ]?response/.test(parts.name) && isDocument(parts),
        description: 'Incident response process in the repository',
      },
    ]);
  },
});
