import { pointerTo } from '../../core/source.js';
import { describeJob } from '../../model/pipeline-queries.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isUnreadable } from '../helpers.js';

export default defineRule({
  id: 'require-least-privilege-token',
  pillar: 'security',
  title: 'GitHub workflows limit the permissions of their token',
  rationale:
    'Every job gets a GITHUB_TOKEN; left at the repository default it may write to code, packages and releases, so one compromised action or dependency in any job can push to the repository or publish an artefact.',
  remediation:
    'Set `permissions:` at the top of each workflow to the least it needs (often `contents: read`), and grant write scopes only on the jobs that need them; never use `write-all`.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'A workflow passes when it sets `permissions` at the top, or on every job. Without them the token gets the repository or organisation default, which is read-only for organisations created since February 2023 but read-write for older ones and cannot be seen in the files. `write-all` is reported at the workflow or job that sets it; individual write scopes are left to review. Azure Pipelines and GitLab CI scope their job tokens in project settings and are not judged.',
  references: [
    {
      title: 'GitHub Actions: permissions for the GITHUB_TOKEN',
      url: 'https://docs.github.com/en/actions/using-workflows/workflow-syntax-for-github-actions#permissions',
    },
    {
      title: 'GitHub Actions: security hardening',
      url: 'https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions',
    },
  ],
  messages: {
    missing: (data: { job: string }) =>
      `The ${data.job} runs with the default token permissions: neither the workflow nor the job sets \`permissions\`.`,
    'write-all': (data: { scope: string }) => `${data.scope} grants the token write-all permissions.`,
  },
  appliesTo: (model) => model.pipelines.filter((pipeline) => pipeline.system === 'github-actions').length,
  check({ model, report, undecided }) {
    for (const pipeline of model.pipelines) {
      if (pipeline.system !== 'github-actions') continue;
      if (pipeline.permissions?.all === 'write-all') {
        report({
          messageId: 'write-all',
          data: { scope: describeNode(pipeline) },
          node: pipeline,
          at: pipeline.permissions.source,
        });
      }
      for (const job of pipeline.jobs) {
        if (job.permissions?.all === 'write-all') {
          report({
            messageId: 'write-all',
            data: { scope: `The ${describeJob({ pipeline, job })}` },
            node: pipeline,
            at: job.permissions.source,
          });
        } else if (job.permissions === undefined && pipeline.permissions === undefined) {
          const written = [pointerTo(pipeline.source, 'permissions'), pointerTo(job.source, 'permissions')].find(
            (pointer) => isUnreadable(pipeline, pointer),
          );
          if (written !== undefined) {
            undecided({
              node: pipeline,
              at: written,
              reason: `The ${describeJob({ pipeline, job })} has a permissions value that is neither a mapping nor read-all/write-all.`,
            });
            continue;
          }
          report({
            messageId: 'missing',
            data: { job: describeJob({ pipeline, job }) },
            node: pipeline,
            at: pointerTo(job.source, 'permissions'),
          });
        }
      }
    }
  },
});
