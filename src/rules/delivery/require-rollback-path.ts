import {
  deployJobs,
  describeJob,
  gitOpsObjects,
  pipelineJobs,
  progressiveDeliveryObjects,
} from '../../model/pipeline-queries.js';
import type { PipelineJob } from '../../model/pipelines.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Deploy jobs whose target is production or cannot be told. */
function productionDeployJobs(model: SystemModel) {
  return deployJobs(model).filter(
    ({ job }) =>
      job.environments.length === 0 ||
      job.environments.some((environment) => environment.tier === 'production' || environment.tier === undefined),
  );
}

/** A way back the repository shows for every deploy: GitOps, progressive delivery, a rollback step anywhere. */
function repositoryRollbackPath(model: SystemModel): boolean {
  return (
    gitOpsObjects(model).length > 0 ||
    progressiveDeliveryObjects(model).length > 0 ||
    model.workloads.some((workload) => workload.workloadKind === 'Rollout') ||
    pipelineJobs(model).some(({ job }) =>
      job.activities.some(
        (activity) => activity.kind === 'rollback' || (activity.kind === 'deploy' && activity.area === 'gitops'),
      ),
    )
  );
}

/** A way back the job itself has: a self-reverting deploy, a progressive or rolling strategy, a failure hook. */
function jobRollbackPath(job: PipelineJob): boolean {
  return (
    job.activities.some((activity) => activity.rollsBackOnFailure || activity.progressive) ||
    job.strategy?.type === 'canary' ||
    job.strategy?.type === 'rolling' ||
    job.strategy?.failureHook !== undefined
  );
}

export default defineRule({
  id: 'require-rollback-path',
  pillar: 'delivery',
  title: 'A bad production deploy can be rolled back',
  rationale:
    'A bad deploy hits every replica at once, so redundancy does not help; what bounds the outage is how quickly the previous version comes back, which is fast only when the way back is built before it is needed.',
  remediation:
    'Give production deploys a way back: deploy through GitOps (Argo CD, Flux) so a revert commit restores the last version, use a progressive strategy (Argo Rollouts, Flagger, an Azure canary or rolling deployment job), make the deploy revert itself on failure (helm upgrade --atomic), or keep a rollback job (helm rollback, kubectl rollout undo) ready to run.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'experimental',
  notes:
    'Required from growth, and from launch when the SLA is 99.9 % or more: at that level a bad deploy left in place for an hour spends the whole month of error budget. Accepted as a way back for every deploy: Flux Kustomizations and HelmReleases, Argo CD Applications and ApplicationSets, Flagger Canaries, Argo Rollouts, a GitOps sync in a pipeline, or a rollback step anywhere in the pipelines (helm rollback, kubectl rollout undo, argo rollouts undo or abort, the HelmDeploy rollback command, a KubernetesManifest reject). Accepted for one job: helm --atomic or --rollback-on-failure, a canary or blue-green deploy action or task, an Azure canary or rolling strategy, or an on.failure hook. A plain Deployment can always be undone by hand with kubectl rollout undo; the rule asks for a way back that is written down and rehearsed, not for one that someone must remember under pressure. Deploys to non-production environments are not judged.',
  references: [
    {
      title: 'Kubernetes: rolling back a Deployment',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment',
    },
    { title: 'Helm: helm rollback', url: 'https://helm.sh/docs/helm/helm_rollback/' },
    { title: 'Argo Rollouts', url: 'https://argo-rollouts.readthedocs.io/en/stable/' },
    {
      title: 'Azure Pipelines: deployment jobs and strategies',
      url: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/process/deployment-jobs',
    },
  ],
  messages: {
    'no-rollback': (data: { job: string; tool: string }) =>
      `The ${data.job} deploys with ${data.tool}, and neither it nor the repository has a way back (no rollback step, progressive strategy or GitOps controller).`,
  },
  appliesTo: (model) => productionDeployJobs(model).length,
  check({ model, report }) {
    if (repositoryRollbackPath(model)) return;
    for (const ref of productionDeployJobs(model)) {
      if (jobRollbackPath(ref.job)) continue;
      const deploy = ref.job.activities.find((activity) => activity.kind === 'deploy');
      if (deploy === undefined) continue;
      report({
        messageId: 'no-rollback',
        data: { job: describeJob(ref), tool: deploy.tool },
        node: ref.pipeline,
        at: deploy.source,
      });
    }
  },
});
