import { pointerTo } from '../../core/source.js';
import { changingJobs, describeJob } from '../../model/pipeline-queries.js';
import type { PipelineSystem } from '../../model/pipelines.js';
import { defineRule } from '../define-rule.js';
import { isUnreadable } from '../helpers.js';

/** What a job without a timeout gets, per system, and the key that sets it. */
const DEFAULTS: Readonly<Record<PipelineSystem, { readonly limit: string; readonly key: string }>> = {
  'github-actions': { limit: '6 hours', key: 'timeout-minutes' },
  'azure-pipelines': {
    limit: '60 minutes on Microsoft-hosted agents, without limit on self-hosted ones',
    key: 'timeoutInMinutes',
  },
  'gitlab-ci': { limit: 'the project timeout (1 hour unless changed)', key: 'timeout' },
};

export default defineRule({
  id: 'require-pipeline-timeout',
  pillar: 'delivery',
  title: 'Deploy jobs have a timeout',
  rationale:
    'A deploy that hangs (a rollout that never becomes ready, a lock that is never released, a prompt nobody answers) holds the pipeline and blocks the fix behind it until the platform default runs out, hours later on GitHub.',
  remediation:
    'Set a timeout close to the deploy job’s normal duration: `timeout-minutes` on GitHub Actions jobs, `timeoutInMinutes` on Azure Pipelines jobs and deployment jobs, `timeout` on GitLab jobs (or in `default:`).',
  requiredFrom: 'growth',
  status: 'experimental',
  notes:
    'Applies to jobs that deploy or apply infrastructure. A timeout written as an expression counts as set. Azure timeoutInMinutes: 0 means the longest the agent allows and is reported as unbounded. GitLab jobs inherit `default: timeout`; the project and runner timeouts are settings the files do not show. Peer scanners treat pipelines as a supply-chain surface and do not check timeouts (see the reference survey).',
  references: [
    {
      title: 'GitHub Actions: jobs.<job_id>.timeout-minutes',
      url: 'https://docs.github.com/en/actions/using-workflows/workflow-syntax-for-github-actions#jobsjob_idtimeout-minutes',
    },
    {
      title: 'Azure Pipelines: job timeouts',
      url: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/process/phases#timeouts',
    },
    { title: 'GitLab CI/CD YAML: timeout', url: 'https://docs.gitlab.com/ci/yaml/#timeout' },
  ],
  messages: {
    missing: (data: { job: string; key: string; limit: string }) =>
      `The ${data.job} deploys without \`${data.key}\`, so a hung deploy runs for ${data.limit}.`,
    unbounded: (data: { job: string }) =>
      `The ${data.job} sets timeoutInMinutes: 0, which lets a hung deploy run as long as the agent allows.`,
  },
  appliesTo: (model) => changingJobs(model).length,
  check({ model, report, undecided }) {
    for (const ref of changingJobs(model)) {
      const { pipeline, job } = ref;
      if (job.timeout === undefined) {
        const defaults = DEFAULTS[pipeline.system];
        const written = pointerTo(job.source, defaults.key);
        if (isUnreadable(pipeline, written)) {
          undecided({
            node: pipeline,
            at: written,
            reason: `The ${describeJob(ref)} has a ${defaults.key} that is not a number, so its timeout is unknown.`,
          });
          continue;
        }
        report({
          messageId: 'missing',
          data: { job: describeJob(ref), key: defaults.key, limit: defaults.limit },
          node: pipeline,
          at: job.source,
        });
      } else if (pipeline.system === 'azure-pipelines' && job.timeout.minutes === 0) {
        report({ messageId: 'unbounded', data: { job: describeJob(ref) }, node: pipeline, at: job.timeout.source });
      }
    }
  },
});
