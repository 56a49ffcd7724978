import { changingJobs, deploysToProduction, describeJob } from '../../model/pipeline-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-gated-production-deploy',
  pillar: 'delivery',
  title: 'Production deploys wait for an approval or a protected environment',
  rationale:
    'A deploy that reaches production the moment a pipeline runs leaves no point where a person or a protection rule can stop a bad change, and no record of who let it through.',
  remediation:
    'Deploy to production from a job that names its environment (GitHub `environment: production` with required reviewers, an Azure deployment job whose environment has approvals and checks, a GitLab protected environment) or that waits for a manual step (`when: manual`, ManualValidation).',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'A job deploys to production when its environment (declared, or read from its name, stage or deploy command: prod, production, prd, live) says so; a job that deploys without naming any environment is left undecided. Gates recognised: a declared GitHub, Azure or GitLab environment (the approvals and protection rules themselves live in the repository or project settings, which the files do not show: attest them), GitLab `when: manual` on the job or one of its rules, an Azure ManualValidation task in a job that runs before, and a pipeline that only runs when someone starts it (workflow_dispatch only; Azure `trigger: none` and `pr: none`). Terraform applies count as production changes too.',
  references: [
    {
      title: 'GitHub Actions: managing environments for deployment',
      url: 'https://docs.github.com/en/actions/deployment/targeting-different-environments/using-environments-for-deployment',
    },
    {
      title: 'Azure Pipelines: define approvals and checks',
      url: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/process/approvals',
    },
    {
      title: 'GitLab: protected environments',
      url: 'https://docs.gitlab.com/ci/environments/protected_environments/',
    },
  ],
  messages: {
    ungated: (data: { job: string; environment: string }) =>
      `The ${data.job} deploys to ${data.environment} without an environment, approval or manual step in front of it.`,
  },
  appliesTo: (model) => changingJobs(model).length,
  check({ model, report, undecided }) {
    for (const ref of changingJobs(model)) {
      const { pipeline, job } = ref;
      if (job.gates.length > 0) continue;
      const production = job.environments.find((environment) => environment.tier === 'production');
      if (production !== undefined && deploysToProduction(job)) {
        report({
          messageId: 'ungated',
          data: { job: describeJob(ref), environment: production.name },
          node: pipeline,
          at: job.source,
        });
      } else if (
        job.environments.length === 0 ||
        job.environments.every((environment) => environment.tier === undefined)
      ) {
        undecided({
          node: pipeline,
          at: job.source,
          reason: `The ${describeJob(ref)} deploys without naming an environment, so whether it reaches production cannot be told.`,
        });
      }
    }
  },
});
