import { deployJobs, deploysToProduction, describeJob } from '../../model/pipeline-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Production deploy jobs of the systems whose files can serialise them (GitHub, GitLab). */
function productionDeploys(model: SystemModel) {
  return deployJobs(model).filter(
    ({ pipeline, job }) => pipeline.system !== 'azure-pipelines' && deploysToProduction(job),
  );
}

export default defineRule({
  id: 'require-deploy-concurrency',
  pillar: 'delivery',
  title: 'Production deploys run one at a time',
  rationale:
    'Two merges in quick succession start two deploys; run side by side they race on the cluster or the state lock, and the older one can finish last and put the previous version back.',
  remediation:
    'Serialise production deploys: a GitHub `concurrency` group for the workflow or the deploy job (without cancel-in-progress), a GitLab `resource_group` on the deploy job.',
  requiredFrom: 'growth',
  status: 'experimental',
  notes:
    'Applies to GitHub Actions and GitLab CI jobs that deploy to production. Cancelling a deploy that is already running can leave it half applied, so a concurrency group with cancel-in-progress: true on a production deploy is reported too. Azure Pipelines serialise deploys through the exclusive lock check on the environment, a setting the files do not show, and are not judged.',
  references: [
    {
      title: 'GitHub Actions: control the concurrency of workflows and jobs',
      url: 'https://docs.github.com/en/actions/using-jobs/using-concurrency',
    },
    { title: 'GitLab: resource groups', url: 'https://docs.gitlab.com/ci/resource_groups/' },
  ],
  messages: {
    missing: (data: { job: string; key: string }) =>
      `The ${data.job} deploys to production with no \`${data.key}\`, so two runs can deploy at the same time.`,
    'cancels-in-progress': (data: { job: string }) =>
      `The ${data.job} deploys to production in a concurrency group that cancels a running deploy when a newer one starts.`,
  },
  appliesTo: (model) => productionDeploys(model).length,
  check({ model, report }) {
    for (const ref of productionDeploys(model)) {
      const { pipeline, job } = ref;
      const group = job.concurrency ?? pipeline.concurrency;
      if (group === undefined) {
        report({
          messageId: 'missing',
          data: { job: describeJob(ref), key: pipeline.system === 'gitlab-ci' ? 'resource_group' : 'concurrency' },
          node: pipeline,
          at: job.source,
        });
      } else if (group.cancelInProgress !== undefined) {
        report({
          messageId: 'cancels-in-progress',
          data: { job: describeJob(ref) },
          node: pipeline,
          at: group.cancelInProgress,
        });
      }
    }
  },
});
