import { describeJob } from '../../model/pipeline-queries.js';
import type { PrintedValue } from '../../model/pipelines.js';
import { defineRule } from '../define-rule.js';
import { isCredentialName } from './no-secret-in-env.js';

/** Whether a printed value is a secret: from the secrets context, mapped from it, or named like a credential. */
function printsSecret(value: PrintedValue): boolean {
  switch (value.origin) {
    case 'secrets-context':
    case 'secret-mapped':
    case 'environment-dump':
      return true;
    case 'variable':
      return isCredentialName(value.name);
  }
}

export default defineRule({
  id: 'no-secrets-in-pipeline-output',
  pillar: 'security',
  title: 'Pipelines do not print secrets to their logs',
  rationale:
    'Job logs are kept for months and readable by everyone with read access to the repository (by anyone, for a public one); log masking misses secrets that are transformed, split or printed character by character, so a secret that is echoed must be treated as leaked.',
  remediation:
    'Remove the command that prints the secret (or the environment), pass secrets to tools through standard input or files (`echo "$TOKEN" | docker login --password-stdin`), and rotate any secret that was printed.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Printing is echo, printf, print and the PowerShell Write-Host/Write-Output whose output is not piped to another program or redirected to a file, and a bare env or printenv. A printed value is a secret when it comes from the secrets context (secrets.X or toJSON(secrets)), a variable the workflow maps from a secret, an Azure variable mapped into the step environment from a non-literal variable, or any variable named like a credential (the naming rules of no-secret-in-env: TOKEN, PASSWORD, SECRET, API_KEY…). GitLab CI/CD and Azure secret variables are defined in settings, so only their names can be judged there. Environment dumps are reported where the step environment holds secrets, and always in GitLab, where every CI/CD variable is in it. Messages name the variable, never a value.',
  references: [
    {
      title: 'GitHub Actions: using secrets in GitHub Actions',
      url: 'https://docs.github.com/en/actions/security-guides/using-secrets-in-github-actions',
    },
    {
      title: 'Azure Pipelines: set secret variables',
      url: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/process/set-secret-variables',
    },
    { title: 'GitLab: CI/CD variable security', url: 'https://docs.gitlab.com/ci/variables/#cicd-variable-security' },
  ],
  messages: {
    echoed: (data: { job: string; name: string }) => `The ${data.job} prints the secret "${data.name}" to the job log.`,
    dumped: (data: { job: string; command: string }) =>
      `The ${data.job} prints its whole environment (${data.command}), secrets included, to the job log.`,
  },
  appliesTo: (model) => model.pipelines.length,
  check({ model, report }) {
    for (const pipeline of model.pipelines) {
      for (const job of pipeline.jobs) {
        const seen = new Set<string>();
        for (const step of job.steps) {
          for (const value of step.printed) {
            if (!printsSecret(value)) continue;
            const key = `${value.origin}:${value.name}:${value.source.path.join('.')}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const described = describeJob({ pipeline, job });
            if (value.origin === 'environment-dump') {
              report({
                messageId: 'dumped',
                data: { job: described, command: value.name },
                node: pipeline,
                at: value.source,
              });
            } else {
              report({
                messageId: 'echoed',
                data: { job: described, name: value.name === '*' ? 'secrets (all of them)' : value.name },
                node: pipeline,
                at: value.source,
              });
            }
          }
        }
      }
    }
  },
});
