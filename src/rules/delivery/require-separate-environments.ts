import { deployJobs, describeJob, gitOpsObjects, type PipelineJobRef } from '../../model/pipeline-queries.js';
import type { PipelineEnvironment } from '../../model/pipelines.js';
import { defineRule } from '../define-rule.js';

/** Environments of the same tier are one environment here; `other` ones count by name. */
function environmentKey(environment: PipelineEnvironment): string | undefined {
  if (environment.tier === undefined) return undefined;
  return environment.tier === 'other' ? `other:${environment.name.toLowerCase()}` : environment.tier;
}

export default defineRule({
  id: 'require-separate-environments',
  pillar: 'delivery',
  title: 'Changes reach an environment before production',
  rationale:
    'When production is the only environment a pipeline deploys to, every change meets real users and real data the first time it runs outside a laptop; a staging or test environment is where migrations, configuration and integrations fail safely.',
  remediation:
    'Deploy each change to a non-production environment (staging, test, review apps) from the same pipeline before production, with production promoted from the same build.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'experimental',
  notes:
    'Environments are the ones deploy jobs declare (GitHub and GitLab `environment`, GitLab deployment_tier, Azure deployment jobs) or name (a tier word in the job name, stage or deploy command). Names of one tier count once: production-eu and production-us are both production. The files show only what pipelines deploy: an environment deployed by hand, by another repository or by a GitOps controller watching another branch is invisible, so a repository with Flux or Argo CD objects is not judged on a single non-production environment. When no deploy job names its environment the rule is undecided.',
  references: [
    {
      title: 'GitHub Actions: managing environments for deployment',
      url: 'https://docs.github.com/en/actions/deployment/targeting-different-environments/using-environments-for-deployment',
    },
    { title: 'GitLab: environments', url: 'https://docs.gitlab.com/ci/environments/' },
    { title: 'Google SRE book: release engineering', url: 'https://sre.google/sre-book/release-engineering/' },
  ],
  messages: {
    'production-only': (data: { job: string }) =>
      `The ${data.job} deploys to production, and no pipeline deploys to any other environment first.`,
    'single-environment': (data: { job: string; environment: string }) =>
      `Pipelines deploy only to ${data.environment} (the ${data.job}); production deploys are not in any pipeline.`,
  },
  appliesTo: (model) => deployJobs(model).length,
  check({ model, report, undecided }) {
    const jobs = deployJobs(model);
    const named: { ref: PipelineJobRef; environment: PipelineEnvironment; key: string }[] = [];
    for (const ref of jobs) {
      for (const environment of ref.job.environments) {
        const key = environmentKey(environment);
        if (key !== undefined) named.push({ ref, environment, key });
      }
    }
    const first = jobs[0];
    if (named.length === 0) {
      if (first !== undefined) {
        undecided({
          node: first.pipeline,
          at: first.job.source,
          reason:
            'No deploy job names its environment, so how many environments the pipelines deploy to cannot be told.',
        });
      }
      return;
    }
    const keys = new Set(named.map((entry) => entry.key));
    if (keys.size > 1) return;
    if (keys.has('production')) {
      for (const entry of named) {
        report({
          messageId: 'production-only',
          data: { job: describeJob(entry.ref) },
          node: entry.ref.pipeline,
          at: entry.environment.source,
        });
      }
      return;
    }
    if (gitOpsObjects(model).length > 0) return;
    const only = named[0];
    if (only === undefined) return;
    report({
      messageId: 'single-environment',
      data: { job: describeJob(only.ref), environment: only.environment.name },
      node: only.ref.pipeline,
      at: only.environment.source,
    });
  },
});
