import { defineAttestation } from './define-attestation.js';
import { findEvidenceFile, underDirectory } from './evidence-files.js';

const NOT_RUN = 'the date of the last run at peak is not in the repository';

export default defineAttestation({
  id: 'load-test-at-peak',
  pillar: 'scalability',
  title: 'The system was load tested at the expected peak',
  rationale:
    'Capacity limits hide in connection pools, locks and downstream quotas that no manifest shows; a test at peak load finds them before the launch or the sale does.',
  evidence:
    'The last load test at peak: the date, the load reached (requests per second) against the expected peak, the latency and error rate observed and the bottleneck found.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', peakRpsAtLeast: 500 }],
  maxAgeDays: 183,
  status: 'stable',
  references: [
    {
      title: 'Google SRE book: handling overload',
      url: 'https://sre.google/sre-book/handling-overload/',
    },
    {
      title: 'Grafana k6: load test types',
      url: 'https://grafana.com/docs/k6/latest/testing-guides/test-types/',
    },
  ],
  detect: (model) =>
    findEvidenceFile(model, [
      {
        matches: (parts) => /\.k6\.[cm]?[jt]s$/.test(parts.name) || underDirectory(parts, /^k6$/),
        description: `k6 load test scripts found; ${NOT_RUN}`,
      },
      {
        matches: (parts) => /^locustfile.*\.py$/.test(parts.name),
        description: `Locust load test scripts found; ${NOT_RUN}`,
      },
      { matches: (parts) => parts.name.endsWith('.jmx'), description: `JMeter load test plans found; ${NOT_RUN}` },
      {
        matches: (parts) => /^artillery.*\.ya?ml$/.test(parts.name),
        description: `Artillery load test scripts found; ${NOT_RUN}`,
      },
      {
        matches: (parts) => underDirectory(parts, /^gatling$/),
        description: `Gatling load test simulations found; ${NOT_RUN}`,
      },
      {
        matches: (parts) => underDirectory(parts, /^load[-_]?test(s|ing)?$/),
        description: `load test scripts found; ${NOT_RUN}`,
      },
    ]),
});
