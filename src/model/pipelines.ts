import type { RepoPath, SourcePointer } from '../core/source.js';
import type { ParsedPipelineFile, PipelineSystem } from '../parse/pipelines.js';
import { readAzurePipeline } from './pipeline-azure.js';
import type { CommandActivity } from './pipeline-commands.js';
import { type EnvironmentTier, environmentTier, tierWord } from './pipeline-environments.js';
import { readGitHubWorkflow } from './pipeline-github.js';
import { readGitLabPipeline } from './pipeline-gitlab.js';
import type { Reader } from './read.js';
import type { ObjectNode } from './types.js';

export type { PipelineSystem } from '../parse/pipelines.js';
export type { ActivityArea, ActivityKind } from './pipeline-commands.js';
export type { EnvironmentTier } from './pipeline-environments.js';

/** What a step was recognised to do, where. */
export interface PipelineActivity extends CommandActivity {
  /** Index of the step in its job's `steps`; -1 for what the job itself declares (an Azure deployment job). */
  readonly step: number;
  /** The key that says it: `run`, `uses`, `script`, `task`, a GitLab script line, an `environment`. */
  readonly source: SourcePointer;
}

/** A GitHub action or reusable workflow reference (`uses:`). */
export interface ActionReference {
  readonly uses: string;
  /** `repository`: owner/repo[/path]@ref; `local`: ./path; `docker`: docker://image. */
  readonly kind: 'repository' | 'local' | 'docker';
  /** `owner/repo[/path]` for repository actions, lower case; the path or image otherwise. */
  readonly name: string;
  readonly ref: string | undefined;
  /**
   * `commit`: a full 40-hex SHA (immutable); `short-commit`: an abbreviated SHA; `tag`: a
   * version-like ref (`v4`, `1.2.3`); `branch`: any other name; `digest`: a docker image by
   * digest; `none`: no ref (local actions, docker images by tag).
   */
  readonly refKind: 'commit' | 'short-commit' | 'tag' | 'branch' | 'digest' | 'none';
  /** Published by GitHub itself (`actions/*`, `github/*`). */
  readonly official: boolean;
  /** The `uses:` key. */
  readonly source: SourcePointer;
}

/** A value a step prints to the job log. */
export interface PrintedValue {
  readonly name: string;
  /**
   * `secrets-context`: `${{ secrets.X }}` printed; `secret-mapped`: a variable the workflow
   * maps from a secret; `variable`: any other variable (rules judge it by its name);
   * `environment-dump`: `env`/`printenv` in a step that has secrets in its environment.
   */
  readonly origin: 'secrets-context' | 'secret-mapped' | 'variable' | 'environment-dump';
  readonly source: SourcePointer;
}

export interface PipelineStep {
  readonly index: number;
  readonly name: string | undefined;
  /** The shell script (`run`, `script`, `bash`, a GitLab script line). */
  readonly run: string | undefined;
  readonly action: ActionReference | undefined;
  /** Azure task (`Docker@2`). */
  readonly task: string | undefined;
  /** `with:` or `inputs:`. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly activities: readonly PipelineActivity[];
  readonly printed: readonly PrintedValue[];
  /** Where the step checks out the pull request's head (`ref:` input, `git checkout`), if it does. */
  readonly pullRequestCheckout: SourcePointer | undefined;
  readonly source: SourcePointer;
}

/** An environment a job deploys to. */
export interface PipelineEnvironment {
  readonly name: string;
  /** Undefined when the name is an expression whose value the files do not show. */
  readonly tier: EnvironmentTier | undefined;
  /** `declared` by the job (GitHub/GitLab `environment`, Azure deployment job); `inferred` from its name, stage or commands. */
  readonly origin: 'declared' | 'inferred';
  readonly source: SourcePointer;
}

/** What holds a deploy until someone approves it. */
export interface DeploymentGate {
  /**
   * `environment`: a GitHub environment, Azure environment or GitLab environment, where
   * protection rules and approvals are configured (outside the repository); `manual`: GitLab
   * `when: manual`; `manual-trigger`: the pipeline only runs when someone starts it;
   * `manual-validation`: an Azure ManualValidation task runs before the job.
   */
  readonly kind: 'environment' | 'manual' | 'manual-trigger' | 'manual-validation';
  readonly source: SourcePointer;
}

/** GitHub token permissions (`permissions:`). */
export interface TokenPermissions {
  /** `read-all` / `write-all` as a whole; undefined when written per scope. */
  readonly all: 'read-all' | 'write-all' | undefined;
  /** Scope → `read` | `write` | `none`. */
  readonly scopes: Readonly<Record<string, string>>;
  readonly source: SourcePointer;
}

/** GitHub `concurrency` or GitLab `resource_group`: one run at a time per group. */
export interface ConcurrencyGroup {
  readonly group: string;
  /** GitHub `cancel-in-progress: true`: a newer run cancels the running one. */
  readonly cancelInProgress: SourcePointer | undefined;
  readonly source: SourcePointer;
}

export interface JobTimeout {
  /** Minutes; undefined when written as an expression. 0 means the maximum (Azure). */
  readonly minutes: number | undefined;
  readonly source: SourcePointer;
}

/** Azure deployment job `strategy:`. */
export interface DeploymentStrategy {
  /** `runOnce`, `rolling`, `canary`. */
  readonly type: string;
  /** The strategy has `on: failure:` steps (a rollback hook). */
  readonly failureHook: SourcePointer | undefined;
  readonly source: SourcePointer;
}

export interface PipelineJob {
  /** Unique in the pipeline: the job key, or `<stage>.<job>` in Azure Pipelines. */
  readonly id: string;
  readonly name: string;
  /** `deployment`: an Azure deployment job; `workflow-call`: a GitHub job that calls a reusable workflow; `trigger`: a GitLab downstream pipeline. */
  readonly jobKind: 'job' | 'deployment' | 'workflow-call' | 'trigger';
  readonly stage: string | undefined;
  /** Ids of the jobs it waits for directly. */
  readonly needs: readonly string[];
  /** Ids of every job that finishes before it starts (needs, dependsOn and stage order, transitively). */
  readonly after: readonly string[];
  readonly condition: string | undefined;
  /** Runs for changes proposed for merge (pull requests, merge requests, branch pushes). */
  readonly runsOnPullRequests: boolean;
  /** Environments it deploys to, declared or inferred; empty when it deploys nowhere or the target cannot be told. */
  readonly environments: readonly PipelineEnvironment[];
  readonly gates: readonly DeploymentGate[];
  readonly timeout: JobTimeout | undefined;
  readonly permissions: TokenPermissions | undefined;
  readonly concurrency: ConcurrencyGroup | undefined;
  readonly strategy: DeploymentStrategy | undefined;
  /** GitHub reusable workflow the job calls. */
  readonly calls: ActionReference | undefined;
  readonly steps: readonly PipelineStep[];
  /** Every step's activities in order, and what the job declares. */
  readonly activities: readonly PipelineActivity[];
  /** The job's key (or list item). */
  readonly source: SourcePointer;
}

export interface PipelineEvent {
  /** `push`, `pull_request`, `pull_request_target`, `schedule`, `workflow_dispatch`, `merge_request`… */
  readonly name: string;
  readonly source: SourcePointer;
}

export interface PipelineTriggers {
  readonly events: readonly PipelineEvent[];
  /** Runs for changes proposed for merge: pull/merge request events, or pushes to every branch. */
  readonly pullRequests: boolean;
  readonly pullRequestTarget: boolean;
  /** Branches whose pushes start it: `all`, or the filters as written ([] for none). */
  readonly pushBranches: 'all' | readonly string[];
  /** Pushes to main/master start it. */
  readonly defaultBranchPush: boolean;
  /** It runs only when someone starts it. */
  readonly manualOnly: boolean;
  /** The key that sets the triggers (`on`, `trigger`, `workflow`), else the document's root. */
  readonly source: SourcePointer;
}

/** A file a pipeline includes: an Azure `template:`, a GitLab `include:`, a GitHub reusable workflow. */
export interface IncludedFile {
  readonly reference: string;
  readonly type: 'local' | 'remote' | 'template' | 'project' | 'component' | 'repository';
  /** The repository path of a local file. */
  readonly path: string | undefined;
  /** A local file that exists and was read. */
  readonly found: boolean;
  readonly source: SourcePointer;
}

/** A CI/CD pipeline: a GitHub Actions workflow, an Azure Pipelines file or a GitLab CI file. */
export interface Pipeline extends ObjectNode {
  readonly kind: 'pipeline';
  readonly system: PipelineSystem;
  readonly file: RepoPath;
  readonly triggers: PipelineTriggers;
  /** GitHub workflow-level `permissions`. */
  readonly permissions: TokenPermissions | undefined;
  /** GitHub workflow-level `concurrency`. */
  readonly concurrency: ConcurrencyGroup | undefined;
  /** Stage names in order (Azure, GitLab). */
  readonly stages: readonly string[];
  readonly jobs: readonly PipelineJob[];
  readonly includes: readonly IncludedFile[];
}

/** What a system reader makes of one pipeline file, before the shared finishing. */
export interface PipelineParts {
  readonly triggers: PipelineTriggers;
  readonly permissions: TokenPermissions | undefined;
  readonly concurrency: ConcurrencyGroup | undefined;
  readonly stages: readonly string[];
  readonly jobs: readonly JobParts[];
  readonly includes: readonly IncludedFile[];
}

/** A job as a system reader reads it; environments are finished (inferred) afterwards. */
export interface JobParts extends Omit<PipelineJob, 'after' | 'activities' | 'environments'> {
  readonly declaredEnvironments: readonly PipelineEnvironment[];
  /** What the job declares besides its steps (an Azure deployment job deploys). */
  readonly declaredActivities: readonly PipelineActivity[];
  /** Jobs known to finish before it by stage order, as ids; `needs` is added to them. */
  readonly afterStages: readonly string[];
}

const OBJECT_KIND: Readonly<Record<PipelineSystem, string>> = {
  'github-actions': 'GitHub Actions workflow',
  'azure-pipelines': 'Azure Pipelines pipeline',
  'gitlab-ci': 'GitLab CI pipeline',
};

/**
 * Builds one Pipeline node per pipeline file: its triggers, jobs, what each job runs (tests,
 * image builds and scans, infrastructure validation and apply, deploys, rollbacks), where each
 * deploys and what gates it. Values of the wrong type are recorded as issues and ignored.
 */
export function buildPipelines(reader: Reader, files: readonly ParsedPipelineFile[]): Pipeline[] {
  const templates = new Map(files.map((file) => [file.path as string, file]));
  const pipelines: Pipeline[] = [];
  for (const file of files) {
    if (file.role !== 'pipeline') continue;
    const before = reader.unreadable.length;
    const issuesBefore = reader.issues.length;
    const parts = readParts(reader, file, templates);
    dropRepeatedIssues(reader, issuesBefore);
    const unreadable = [
      ...new Set(
        reader.unreadable
          .slice(before)
          .filter((pointer) => pointer.file === file.path)
          .map((pointer) => pointer.path.join('.')),
      ),
    ];
    pipelines.push({
      id: `pipeline/${file.path}`,
      kind: 'pipeline',
      object: { kind: OBJECT_KIND[file.system], name: file.path },
      apiVersion: file.system,
      name: file.path,
      namespace: '',
      labels: {},
      annotations: {},
      suppressions: [],
      unreadable,
      source: file.source,
      system: file.system,
      file: file.path,
      triggers: parts.triggers,
      permissions: parts.permissions,
      concurrency: parts.concurrency,
      stages: parts.stages,
      jobs: finishJobs(parts.jobs),
      includes: parts.includes,
    });
  }
  return pipelines;
}

/**
 * A template used twice, or a GitLab job that other jobs extend, is read more than once; its
 * wrong-typed values are reported once.
 */
function dropRepeatedIssues(reader: Reader, from: number): void {
  const seen = new Set<string>();
  const kept = reader.issues.slice(from).filter((issue) => {
    const key = `${issue.file}:${issue.line}:${issue.column}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  reader.issues.splice(from, reader.issues.length - from, ...kept);
}

function readParts(
  reader: Reader,
  file: ParsedPipelineFile,
  templates: ReadonlyMap<string, ParsedPipelineFile>,
): PipelineParts {
  switch (file.system) {
    case 'github-actions':
      return readGitHubWorkflow(reader, file, templates);
    case 'azure-pipelines':
      return readAzurePipeline(reader, file, templates);
    case 'gitlab-ci':
      return readGitLabPipeline(reader, file, templates);
  }
}

/** Resolves `after` (needs and stage order, transitively) and infers the environments of deploy jobs. */
function finishJobs(parts: readonly JobParts[]): PipelineJob[] {
  const byId = new Map(parts.map((job) => [job.id, job]));
  const afterCache = new Map<string, readonly string[]>();
  const afterOf = (id: string, visiting: ReadonlySet<string>): readonly string[] => {
    const cached = afterCache.get(id);
    if (cached !== undefined) return cached;
    const job = byId.get(id);
    if (job === undefined || visiting.has(id)) return [];
    const next = new Set([...visiting, id]);
    const found = new Set<string>(job.afterStages);
    for (const need of job.needs) {
      if (!byId.has(need)) continue;
      found.add(need);
      for (const earlier of afterOf(need, next)) found.add(earlier);
    }
    found.delete(id);
    const result = [...found].sort();
    afterCache.set(id, result);
    return result;
  };
  return parts.map((job) => {
    const { declaredEnvironments, declaredActivities, afterStages: _afterStages, ...rest } = job;
    const stepActivities = job.steps.flatMap((step) => step.activities);
    const activities = [...declaredActivities, ...stepActivities];
    const environments = declaredEnvironments.length > 0 ? declaredEnvironments : inferEnvironments(job, activities);
    return { ...rest, after: afterOf(job.id, new Set()), activities, environments };
  });
}

/**
 * The environment of a deploy job that names none: the tier word in the job's id, name or
 * stage (`deploy-prod`), else in its deploy commands (`overlays/production`).
 */
function inferEnvironments(job: JobParts, activities: readonly PipelineActivity[]): PipelineEnvironment[] {
  const deploys = activities.filter((activity) => activity.kind === 'deploy' || activity.kind === 'iac-apply');
  if (deploys.length === 0) return [];
  for (const text of [job.id, job.name, job.stage ?? '']) {
    const word = tierWord(text);
    if (word !== undefined) return [{ name: word, tier: word, origin: 'inferred', source: job.source }];
  }
  for (const activity of deploys) {
    if (activity.environmentHint === undefined) continue;
    const tier = environmentTier(activity.environmentHint);
    if (tier !== undefined) {
      return [{ name: activity.environmentHint, tier, origin: 'inferred', source: activity.source }];
    }
  }
  return [];
}

/** Parses a GitHub `uses:` value. */
export function parseActionReference(uses: string, source: SourcePointer): ActionReference {
  const trimmed = uses.trim();
  if (trimmed.startsWith('./') || trimmed.startsWith('../')) {
    return { uses: trimmed, kind: 'local', name: trimmed, ref: undefined, refKind: 'none', official: false, source };
  }
  if (trimmed.startsWith('docker://')) {
    const image = trimmed.slice('docker://'.length);
    return {
      uses: trimmed,
      kind: 'docker',
      name: image,
      ref: undefined,
      refKind: image.includes('@sha256:') ? 'digest' : 'none',
      official: false,
      source,
    };
  }
  const at = trimmed.lastIndexOf('@');
  const name = (at === -1 ? trimmed : trimmed.slice(0, at)).toLowerCase();
  const ref = at === -1 ? undefined : trimmed.slice(at + 1);
  const owner = name.split('/')[0] ?? '';
  return {
    uses: trimmed,
    kind: 'repository',
    name,
    ref,
    refKind: classifyRef(ref),
    official: owner === 'actions' || owner === 'github',
    source,
  };
}

function classifyRef(ref: string | undefined): ActionReference['refKind'] {
  if (ref === undefined || ref === '') return 'none';
  if (/^[0-9a-f]{40}$/i.test(ref)) return 'commit';
  if (/^[0-9a-f]{7,39}$/i.test(ref) && /\d/.test(ref) && /[a-f]/i.test(ref)) return 'short-commit';
  if (/^v?\d+(\.\d+)*([-+.][0-9A-Za-z.-]+)?$/.test(ref)) return 'tag';
  return 'branch';
}
