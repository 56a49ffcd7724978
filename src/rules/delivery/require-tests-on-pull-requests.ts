import { hasActivity, pipelinesByFile } from '../../model/pipeline-queries.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-tests-on-pull-requests',
  pillar: 'delivery',
  title: 'Tests run on every pull request',
  rationale:
    'Tests that run before a change merges keep the main branch releasable; tests that run only after the merge find the regression when it is already on its way to production.',
  remediation:
    'Run the test suite in a pipeline triggered by pull requests (GitHub `on: pull_request`, an Azure `pr:` trigger, GitLab merge request or branch pipelines) and require it to pass before merging.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Tests are recognised by their commands (npm/yarn/pnpm test, jest, vitest, pytest, tox, go test, cargo test, mvn test/verify/package, gradle test/check/build, dotnet test, rspec, phpunit…) and by tasks and actions that run them (DotNetCoreCLI test, Maven, Gradle, VSTest, cypress-io/github-action). A pipeline counts as running on proposed changes when pull or merge request events start it, or pushes to every branch do (their status shows on the pull request); a job condition that asks for a push, a tag or the default branch keeps that job off them. Azure Pipelines run on pull requests when `pr:` is left out (for GitHub and Bitbucket repositories); GitLab pipelines run for every branch push unless `workflow: rules` say otherwise. The rule cannot see branch protection, which is what makes the checks required.',
  references: [
    {
      title: 'GitHub Actions: events that trigger workflows (pull_request)',
      url: 'https://docs.github.com/en/actions/using-workflows/events-that-trigger-workflows#pull_request',
    },
    {
      title: 'Azure Pipelines: PR triggers',
      url: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/repos/github#pr-triggers',
    },
    {
      title: 'GitLab: merge request pipelines',
      url: 'https://docs.gitlab.com/ci/pipelines/merge_request_pipelines/',
    },
  ],
  messages: {
    'no-tests': (data: { pipeline: string }) =>
      `No pipeline runs tests: neither ${data.pipeline} nor any other CI file has a test command.`,
    'tests-after-merge': (data: { pipeline: string; tool: string }) =>
      `${data.pipeline} runs tests (${data.tool}) but not for pull requests, so a change is tested only after it is merged.`,
  },
  appliesTo: (model) => model.pipelines.length,
  check({ model, report }) {
    const pipelines = pipelinesByFile(model);
    const tested = pipelines.filter((pipeline) => pipeline.jobs.some((job) => hasActivity(job, 'test')));
    if (tested.some((pipeline) => pipeline.jobs.some((job) => job.runsOnPullRequests && hasActivity(job, 'test')))) {
      return;
    }
    if (tested.length === 0) {
      const anchor = pipelines.find((pipeline) => pipeline.triggers.pullRequests) ?? pipelines[0];
      if (anchor === undefined) return;
      report({
        messageId: 'no-tests',
        data: { pipeline: describeNode(anchor) },
        node: anchor,
        at: anchor.triggers.source,
      });
      return;
    }
    for (const pipeline of tested) {
      const test = pipeline.jobs.flatMap((job) => job.activities).find((activity) => activity.kind === 'test');
      report({
        messageId: 'tests-after-merge',
        data: { pipeline: describeNode(pipeline), tool: test?.tool ?? 'tests' },
        node: pipeline,
        at: pipeline.triggers.source,
      });
    }
  },
});
