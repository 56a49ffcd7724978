import { describeJob } from '../../model/pipeline-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'no-unsafe-pull-request-target',
  pillar: 'security',
  title: 'pull_request_target workflows do not check out pull request code',
  rationale:
    'A pull_request_target workflow runs with the repository’s secrets and a write token even for pull requests from forks; checking out the pull request’s code there lets anyone who opens a pull request run their code with those secrets.',
  remediation:
    'Use the `pull_request` event to build and test contributed code; if a privileged step is needed, run it in a separate workflow (workflow_run) that never executes the contributed code, and treat its outputs as untrusted.',
  requiredFrom: 'prototype',
  status: 'experimental',
  notes:
    'Required from the first stage: the attack needs nothing but a pull request, and it has been used against public repositories of every size. Reported where a workflow triggered by pull_request_target checks out the pull request head: actions/checkout with a `ref` or `repository` naming github.event.pull_request.head (sha, ref, repo), github.head_ref, refs/pull/…, or the pull request number, and git checkout/fetch/switch or gh pr checkout in a script. A label or environment condition narrows who can trigger it but does not make running the code safe, so it is still reported.',
  references: [
    {
      title: 'GitHub Security Lab: preventing pwn requests',
      url: 'https://securitylab.github.com/research/github-actions-preventing-pwn-requests/',
    },
    {
      title: 'GitHub Actions: the pull_request_target event',
      url: 'https://docs.github.com/en/actions/using-workflows/events-that-trigger-workflows#pull_request_target',
    },
  ],
  messages: {
    'checkout-head': (data: { job: string }) =>
      `The ${data.job} runs on pull_request_target and checks out the pull request’s code, with the repository’s secrets and token at hand.`,
  },
  appliesTo: (model) => model.pipelines.filter((pipeline) => pipeline.triggers.pullRequestTarget).length,
  check({ model, report }) {
    for (const pipeline of model.pipelines) {
      if (!pipeline.triggers.pullRequestTarget) continue;
      for (const job of pipeline.jobs) {
        for (const step of job.steps) {
          if (step.pullRequestCheckout === undefined) continue;
          report({
            messageId: 'checkout-head',
            data: { job: describeJob({ pipeline, job }) },
            node: pipeline,
            at: step.pullRequestCheckout,
          });
        }
      }
    }
  },
});
