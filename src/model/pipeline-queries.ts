import type { RepoPath } from '../core/source.js';
import type { ActivityKind } from './pipeline-commands.js';
import type { Pipeline, PipelineActivity, PipelineJob } from './pipelines.js';
import type { SystemModel, UnmodelledObject } from './types.js';

/** A job with the pipeline it belongs to. */
export interface PipelineJobRef {
  readonly pipeline: Pipeline;
  readonly job: PipelineJob;
}

/** Pipelines sorted by file, so that repository-level findings land in a stable place. */
export function pipelinesByFile(model: SystemModel): readonly Pipeline[] {
  return [...model.pipelines].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function pipelineJobs(model: SystemModel): readonly PipelineJobRef[] {
  return model.pipelines.flatMap((pipeline) => pipeline.jobs.map((job) => ({ pipeline, job })));
}

export function hasActivity(job: PipelineJob, kind: ActivityKind): boolean {
  return job.activities.some((activity) => activity.kind === kind);
}

/** Jobs that deploy an application (a deploy activity). */
export function deployJobs(model: SystemModel): readonly PipelineJobRef[] {
  return pipelineJobs(model).filter(({ job }) => hasActivity(job, 'deploy'));
}

/** Jobs that change an environment: they deploy or apply infrastructure. */
export function changingJobs(model: SystemModel): readonly PipelineJobRef[] {
  return pipelineJobs(model).filter(({ job }) => hasActivity(job, 'deploy') || hasActivity(job, 'iac-apply'));
}

export function deploysToProduction(job: PipelineJob): boolean {
  return job.environments.some((environment) => environment.tier === 'production');
}

/**
 * The activities that have finished when `activity` of `job` starts: the job's earlier ones
 * (earlier steps, earlier commands of the same script) and every activity of the jobs it
 * waits for (needs, dependsOn, stage order).
 */
export function activitiesBefore(pipeline: Pipeline, job: PipelineJob, activity: PipelineActivity): PipelineActivity[] {
  const index = job.activities.indexOf(activity);
  const earlier = job.activities.slice(0, index === -1 ? 0 : index);
  const after = new Set(job.after);
  return [...pipeline.jobs.filter((other) => after.has(other.id)).flatMap((other) => other.activities), ...earlier];
}

/** How a job is named in messages: `job "deploy" of .github/workflows/cd.yml`. */
export function describeJob(ref: PipelineJobRef): string {
  return `job "${ref.job.id}" of ${ref.pipeline.file}`;
}

const GITOPS_KINDS: readonly { readonly group: string; readonly kinds: readonly string[] }[] = [
  { group: 'kustomize.toolkit.fluxcd.io', kinds: ['Kustomization'] },
  { group: 'helm.toolkit.fluxcd.io', kinds: ['HelmRelease'] },
  { group: 'argoproj.io', kinds: ['Application', 'ApplicationSet'] },
];

/** Flux Kustomizations and HelmReleases and Argo CD Applications/ApplicationSets in the manifests. */
export function gitOpsObjects(model: SystemModel): readonly UnmodelledObject[] {
  return model.unmodelled.filter((object) => {
    const group = object.apiVersion.split('/')[0] ?? '';
    return GITOPS_KINDS.some((entry) => entry.group === group && entry.kinds.includes(object.kind));
  });
}

/** Flagger Canaries in the manifests: progressive delivery with automatic rollback. */
export function progressiveDeliveryObjects(model: SystemModel): readonly UnmodelledObject[] {
  return model.unmodelled.filter((object) => object.apiVersion.startsWith('flagger.app/') && object.kind === 'Canary');
}

/** Where Dependabot and Renovate read their configuration. */
export const DEPENDENCY_UPDATE_FILES: readonly string[] = [
  '.github/dependabot.yml',
  '.github/dependabot.yaml',
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
];

/**
 * The Dependabot or Renovate configuration files in the repository: at the root of the scan,
 * or at the root of a scanned directory (`examples/shop/.github/dependabot.yml`).
 */
export function dependencyUpdateFiles(model: SystemModel): readonly RepoPath[] {
  return model.inventory.filter((path) =>
    DEPENDENCY_UPDATE_FILES.some((name) => path === name || path.endsWith(`/${name}`)),
  );
}
