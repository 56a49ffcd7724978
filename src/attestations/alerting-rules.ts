import { resolvePointer } from '../core/source.js';
import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile, isYaml, underDirectory } from './evidence-files.js';

export default defineAttestation({
  id: 'alerting-rules',
  pillar: 'operations',
  title: 'Alerts page a human when users are affected',
  rationale:
    'Without alerts the first sign of an outage is a customer complaint; alerts on symptoms users feel (errors, latency, saturation) shorten every incident.',
  evidence:
    'The alerting rules in use (a link to the PrometheusRule, the monitoring tool or its configuration as code) and where they page.',
  requiredFrom: 'launch',
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: monitoring distributed systems',
      url: 'https://sre.google/sre-book/monitoring-distributed-systems/',
    },
    {
      title: 'Google SRE workbook: alerting on SLOs',
      url: 'https://sre.google/workbook/alerting-on-slos/',
    },
    {
      title: 'Prometheus: alerting rules',
      url: 'https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/',
    },
  ],
  detect: (model) => {
    for (const rules of model.alertRules) {
      const first = rules.alerts[0];
      if (first === undefined) continue;
      const count = rules.alerts.length;
      return {
        file: rules.source.file,
        line: resolvePointer(first.source).line,
        description: `PrometheusRule ${rules.name} defines ${count} ${count === 1 ? 'alert' : 'alerts'}`,
      };
    }
    // A PrometheusRule with recording rules only is not alerting evidence, whatever its file is called.
    const recordingOnly = new Set<string>(model.alertRules.map((rules) => rules.source.file));
    return findEvidenceFile(model, [
      {
        matches: (parts) => /\.rules\.ya?ml$/.test(parts.name) && !recordingOnly.has(parts.path),
        description: 'Prometheus alerting rules file',
      },
      {
        matches: (parts) => /^alertmanager\.ya?ml$/.test(parts.name),
        description: 'Alertmanager configuration',
      },
      {
        matches: (parts) => underDirectory(parts, /^alerts$/) && isYaml(parts) && !recordingOnly.has(parts.path),
        description: 'Alert definitions in an alerts directory',
      },
    ]);
  },
});
