import { activitiesBefore, describeJob } from '../../model/pipeline-queries.js';
import type { ActivityArea, PipelineActivity } from '../../model/pipelines.js';
import { defineRule } from '../define-rule.js';

/** Infrastructure areas whose apply needs a plan or validation first. */
const INFRASTRUCTURE: ReadonlySet<ActivityArea> = new Set(['terraform', 'pulumi', 'cloud-template']);

/** Whether an apply or deploy needs a validation first, and of which area. */
function needsValidation(activity: PipelineActivity): ActivityArea | undefined {
  if (activity.kind === 'iac-apply' && INFRASTRUCTURE.has(activity.area)) return activity.area;
  if (activity.kind === 'deploy' && activity.area === 'kubernetes') return 'kubernetes';
  return undefined;
}

export default defineRule({
  id: 'require-iac-validation-before-apply',
  pillar: 'delivery',
  title: 'Infrastructure is planned and manifests are validated before they are applied',
  rationale:
    'An apply without a plan changes production in ways nobody reviewed, and a kubectl apply of a directory with one invalid manifest leaves the cluster half-updated; both are found cheaply by a validation step that runs first.',
  remediation:
    'Run terraform validate and terraform plan (or pulumi preview, az deployment what-if) before every apply, and validate manifests (kubeconform, helm lint, kubectl apply --dry-run=server) before every deploy, in an earlier step or a job the apply waits for.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'A validation counts when it finishes before the apply: an earlier command or step of the same job, or any step of a job the applying job waits for (needs, dependsOn, an earlier GitLab stage or Azure stage). Terraform, OpenTofu and Terragrunt applies need validate, plan, fmt -check, tflint, tfsec or a policy scan (checkov, trivy config, conftest); Kubernetes deploys (kubectl apply/create/replace, helm upgrade/install, helmfile, skaffold, the KubernetesManifest and HelmDeploy tasks, azure/k8s-deploy) need kubeconform, kubeval, helm lint, helm diff, kubectl diff, a server-side dry run or a policy scan. kubectl --dry-run=client is not a validation: it only renders. Platform deploys (App Service, ECS, Cloud Run) and GitOps syncs carry no manifest in the pipeline and are not judged.',
  references: [
    { title: 'Terraform: the plan command', url: 'https://developer.hashicorp.com/terraform/cli/commands/plan' },
    { title: 'kubeconform: Kubernetes manifest validation', url: 'https://github.com/yannh/kubeconform' },
    { title: 'Helm: helm lint', url: 'https://helm.sh/docs/helm/helm_lint/' },
  ],
  messages: {
    'apply-without-plan': (data: { job: string; tool: string }) =>
      `The ${data.job} runs ${data.tool} with no plan or validation before it.`,
    'deploy-without-validation': (data: { job: string; tool: string }) =>
      `The ${data.job} deploys manifests with ${data.tool} without validating them first.`,
  },
  appliesTo: (model) =>
    model.pipelines.reduce(
      (count, pipeline) =>
        count +
        pipeline.jobs.reduce(
          (inJob, job) => inJob + job.activities.filter((activity) => needsValidation(activity) !== undefined).length,
          0,
        ),
      0,
    ),
  check({ model, report }) {
    for (const pipeline of model.pipelines) {
      for (const job of pipeline.jobs) {
        for (const activity of job.activities) {
          const area = needsValidation(activity);
          if (area === undefined) continue;
          const validated = activitiesBefore(pipeline, job, activity).some(
            (earlier) => earlier.kind === 'iac-validate' && (earlier.area === area || earlier.area === 'any'),
          );
          if (validated) continue;
          report({
            messageId: area === 'kubernetes' ? 'deploy-without-validation' : 'apply-without-plan',
            data: { job: describeJob({ pipeline, job }), tool: activity.tool },
            node: pipeline,
            at: activity.source,
          });
        }
      }
    }
  },
});
