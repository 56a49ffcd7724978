import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile } from './evidence-files.js';

/** `oncall`, `on-call`, `on_call`, PagerDuty, Opsgenie, escalation policies; not inside a word (`noncallable`). */
const ON_CALL_NAME = /(^|[^a-z0-9])(on[-_]?call|pager[-_]?duty|opsgenie|escalation[-_]?polic)/;

export default defineAttestation({
  id: 'on-call-rotation',
  pillar: 'operations',
  title: 'A staffed on-call rotation answers pages',
  rationale:
    'An alert that pages nobody, or always the same exhausted person, does not shorten an outage; a rotation with a primary, a secondary and an escalation path does.',
  evidence:
    'The rotation: the schedule (a link to PagerDuty, Opsgenie or the on-call tool), the people in it, the escalation policy and the date it was last confirmed.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  maxAgeDays: 183,
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: being on-call',
      url: 'https://sre.google/sre-book/being-on-call/',
    },
    {
      title: 'Google SRE workbook: on-call',
      url: 'https://sre.google/workbook/on-call/',
    },
  ],
  detect: (model) =>
    findEvidenceFile(model, [
      {
        matches: (parts) => [...parts.directories, parts.name].some((segment) => ON_CALL_NAME.test(segment)),
        description: 'On-call configuration as code (schedule, escalation policy or paging service)',
      },
    ]),
});
