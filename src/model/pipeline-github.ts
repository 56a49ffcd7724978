import { pointerTo, type SourcePointer } from '../core/source.js';
import type { ParsedPipelineFile } from '../parse/pipelines.js';
import { classifyAction, namesPullRequestHead } from './pipeline-commands.js';
import { environmentTier, excludesPullRequests, literalsIn, reachesDefaultBranch } from './pipeline-environments.js';
import {
  located,
  printedValues,
  readMinutes,
  readOneOrMany,
  scriptActivities,
  scriptCheckout,
  secretMappedNames,
} from './pipeline-steps.js';
import {
  type ConcurrencyGroup,
  type DeploymentGate,
  type IncludedFile,
  type JobParts,
  type PipelineEnvironment,
  type PipelineEvent,
  type PipelineParts,
  type PipelineStep,
  type PipelineTriggers,
  parseActionReference,
  type TokenPermissions,
} from './pipelines.js';
import {
  isRecord,
  type Raw,
  type Reader,
  readList,
  readRecord,
  readString,
  readStringList,
  readStringMap,
} from './read.js';

/** Reads a GitHub Actions workflow: `on`, `permissions`, `concurrency`, `env`, and each job with its steps. */
export function readGitHubWorkflow(
  reader: Reader,
  file: ParsedPipelineFile,
  pipelines: ReadonlyMap<string, ParsedPipelineFile>,
): PipelineParts {
  const root = file.source;
  const body = file.body;
  const triggers = readTriggers(reader, body, root);
  const permissions = readPermissions(reader, body, root);
  const concurrency = readConcurrency(reader, body, root);
  const workflowEnv = readStringMap(reader, body, 'env', root);
  const jobsRaw = readRecord(reader, body, 'jobs', root) ?? {};
  const jobsAt = pointerTo(root, 'jobs');
  const includes: IncludedFile[] = [];
  const jobs: JobParts[] = [];
  for (const [id, value] of Object.entries(jobsRaw)) {
    const jobAt = pointerTo(jobsAt, id);
    if (!isRecord(value)) {
      readRecord(reader, jobsRaw, id, jobsAt);
      continue;
    }
    const job = readJob(reader, id, value, jobAt, { triggers, workflowEnv });
    jobs.push(job);
    if (job.calls !== undefined) {
      const path =
        job.calls.kind === 'local' ? `${file.repositoryRoot}${job.calls.name.replace(/^\.\//, '')}` : undefined;
      includes.push({
        reference: job.calls.uses,
        type: job.calls.kind === 'local' ? 'local' : 'repository',
        path,
        found: path !== undefined && pipelines.has(path),
        source: job.calls.source,
      });
    }
  }
  return { triggers, permissions, concurrency, stages: [], jobs, includes };
}

interface WorkflowContext {
  readonly triggers: PipelineTriggers;
  readonly workflowEnv: Readonly<Record<string, string>>;
}

function readTriggers(reader: Reader, body: Raw, root: SourcePointer): PipelineTriggers {
  const onAt = pointerTo(root, 'on');
  const on = body.on;
  const events: PipelineEvent[] = [];
  let pushBranches: 'all' | readonly string[] = [];
  if (typeof on === 'string') {
    events.push({ name: on, source: onAt });
  } else if (Array.isArray(on)) {
    readStringList(reader, body, 'on', root).forEach((name, index) => {
      if (name !== '') events.push({ name, source: pointerTo(onAt, index) });
    });
  } else if (isRecord(on)) {
    for (const name of Object.keys(on)) events.push({ name, source: pointerTo(onAt, name) });
    const push = on.push;
    if ('push' in on && !isRecord(push)) pushBranches = 'all';
    if (isRecord(push)) {
      const pushAt = pointerTo(onAt, 'push');
      const branches = readStringList(reader, push, 'branches', pushAt);
      const hasBranchFilter = 'branches' in push || 'branches-ignore' in push;
      const hasTagFilter = 'tags' in push || 'tags-ignore' in push;
      pushBranches = 'branches' in push ? branches : hasBranchFilter || !hasTagFilter ? 'all' : [];
    }
  } else if (on !== undefined && on !== null) {
    readRecord(reader, body, 'on', root);
  }
  const names = new Set(events.map((event) => event.name));
  if (names.has('push') && !isRecord(on)) pushBranches = 'all';
  if (!names.has('push')) pushBranches = [];
  const pullRequestTarget = names.has('pull_request_target');
  return {
    events,
    pullRequests: names.has('pull_request') || pullRequestTarget || names.has('merge_group') || pushBranches === 'all',
    pullRequestTarget,
    pushBranches,
    defaultBranchPush: names.has('push') && reachesDefaultBranch(pushBranches),
    manualOnly: events.length > 0 && [...names].every((name) => name === 'workflow_dispatch'),
    source: 'on' in body ? onAt : root,
  };
}

function readPermissions(reader: Reader, raw: Raw, parent: SourcePointer): TokenPermissions | undefined {
  const value = raw.permissions;
  if (value === undefined) return undefined;
  const source = pointerTo(parent, 'permissions');
  if (value === null) return { all: undefined, scopes: {}, source };
  if (typeof value === 'string') {
    const all = value === 'read-all' || value === 'write-all' ? value : undefined;
    if (all === undefined) readRecord(reader, raw, 'permissions', parent);
    return { all, scopes: {}, source };
  }
  // A value of another type is recorded as unreadable and read as absent.
  if (!isRecord(value)) {
    readRecord(reader, raw, 'permissions', parent);
    return undefined;
  }
  return { all: undefined, scopes: readStringMap(reader, raw, 'permissions', parent), source };
}

function readConcurrency(reader: Reader, raw: Raw, parent: SourcePointer): ConcurrencyGroup | undefined {
  const value = raw.concurrency;
  if (value === undefined || value === null) return undefined;
  const source = pointerTo(parent, 'concurrency');
  if (typeof value === 'string') return { group: value, cancelInProgress: undefined, source };
  const record = readRecord(reader, raw, 'concurrency', parent);
  if (record === undefined) return undefined;
  const cancel = record['cancel-in-progress'];
  return {
    group: readString(reader, record, 'group', source) ?? '',
    cancelInProgress: cancel === true || cancel === 'true' ? pointerTo(source, 'cancel-in-progress') : undefined,
    source,
  };
}

function readJob(reader: Reader, id: string, raw: Raw, jobAt: SourcePointer, context: WorkflowContext): JobParts {
  const condition = readString(reader, raw, 'if', jobAt);
  const environments = readEnvironments(reader, raw, jobAt);
  const gates: DeploymentGate[] = [];
  const declared = environments.find((environment) => environment.name.trim() !== '');
  if (declared !== undefined) gates.push({ kind: 'environment', source: declared.source });
  if (context.triggers.manualOnly) gates.push({ kind: 'manual-trigger', source: context.triggers.source });
  const usesValue = readString(reader, raw, 'uses', jobAt);
  const calls = usesValue === undefined ? undefined : parseActionReference(usesValue, pointerTo(jobAt, 'uses'));
  const jobEnv = { ...context.workflowEnv, ...readStringMap(reader, raw, 'env', jobAt) };
  const steps = readList(reader, raw, 'steps', jobAt).flatMap((step, index): PipelineStep[] => {
    const stepAt = pointerTo(jobAt, 'steps', index);
    if (!isRecord(step)) {
      readRecord(reader, { [index]: step }, String(index), pointerTo(jobAt, 'steps'));
      return [];
    }
    return [readStep(reader, step, index, stepAt, jobEnv)];
  });
  return {
    id,
    name: readString(reader, raw, 'name', jobAt) ?? id,
    jobKind: calls === undefined ? 'job' : 'workflow-call',
    stage: undefined,
    needs: readOneOrMany(reader, raw, 'needs', jobAt),
    afterStages: [],
    condition,
    runsOnPullRequests: context.triggers.pullRequests && !excludesPullRequests(condition),
    declaredEnvironments: environments,
    declaredActivities: [],
    gates,
    timeout: readMinutes(reader, raw, 'timeout-minutes', jobAt),
    permissions: readPermissions(reader, raw, jobAt),
    concurrency: readConcurrency(reader, raw, jobAt),
    strategy: undefined,
    calls,
    steps,
    source: jobAt,
  };
}

/**
 * `environment: production`, `environment: {name, url}`, or an expression; an expression over
 * a matrix value (`${{ matrix.env }}`) is read from the matrix list, one over literals
 * (`${{ … && 'production' || 'staging' }}`) from its literals.
 */
function readEnvironments(reader: Reader, raw: Raw, jobAt: SourcePointer): PipelineEnvironment[] {
  const value = raw.environment;
  if (value === undefined || value === null) return [];
  const source = pointerTo(jobAt, 'environment');
  let name: string | undefined;
  if (isRecord(value)) name = readString(reader, value, 'name', source);
  else name = readString(reader, raw, 'environment', jobAt);
  if (name === undefined || name.trim() === '') return [];
  const matrixKey = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(name.trim())?.[1];
  if (matrixKey !== undefined) {
    const matrix = isRecord(raw.strategy) && isRecord(raw.strategy.matrix) ? raw.strategy.matrix : {};
    const values = matrix[matrixKey];
    if (Array.isArray(values) && values.every((item) => typeof item === 'string')) {
      return values.map((item) => ({ name: item, tier: environmentTier(item), origin: 'declared', source }));
    }
  }
  if (name.includes('${{')) {
    const literals = literalsIn(name);
    if (literals.length > 0) {
      return literals.map((item) => ({ name: item, tier: environmentTier(item), origin: 'declared', source }));
    }
  }
  return [{ name, tier: environmentTier(name), origin: 'declared', source }];
}

function readStep(
  reader: Reader,
  raw: Raw,
  index: number,
  stepAt: SourcePointer,
  jobEnv: Readonly<Record<string, string>>,
): PipelineStep {
  const run = readString(reader, raw, 'run', stepAt);
  const uses = readString(reader, raw, 'uses', stepAt);
  const inputs = readStringMap(reader, raw, 'with', stepAt);
  const env = { ...jobEnv, ...readStringMap(reader, raw, 'env', stepAt) };
  const secretVariables = secretMappedNames(env);
  const runAt = pointerTo(stepAt, 'run');
  const usesAt = pointerTo(stepAt, 'uses');
  const action = uses === undefined ? undefined : parseActionReference(uses, usesAt);
  const activities = [
    ...(run === undefined ? [] : scriptActivities(run, index, runAt)),
    ...(action === undefined || action.kind !== 'repository'
      ? []
      : located(classifyAction(action.name, inputs), index, usesAt)),
  ];
  let pullRequestCheckout = run === undefined ? undefined : scriptCheckout(run, runAt);
  if (action?.name === 'actions/checkout') {
    for (const key of ['ref', 'repository']) {
      const value = inputs[key];
      if (value !== undefined && namesPullRequestHead(value)) pullRequestCheckout = pointerTo(stepAt, 'with', key);
    }
  }
  return {
    index,
    name: readString(reader, raw, 'name', stepAt) ?? readString(reader, raw, 'id', stepAt),
    run,
    action,
    task: undefined,
    inputs,
    activities,
    printed:
      run === undefined
        ? []
        : printedValues(run, runAt, {
            secretVariables,
            macroSyntax: false,
            environmentHoldsSecrets: secretVariables.size > 0,
          }),
    pullRequestCheckout,
    source: stepAt,
  };
}
