import { pointerTo, type SourcePointer } from '../core/source.js';
import { azureTemplateEscapes, resolveAzureTemplate } from '../parse/pipeline-references.js';
import type { ParsedPipelineFile } from '../parse/pipelines.js';
import { classifyTask } from './pipeline-commands.js';
import { environmentTier, excludesPullRequests, reachesDefaultBranch } from './pipeline-environments.js';
import {
  located,
  printedValues,
  readMinutes,
  readOneOrMany,
  scriptActivities,
  scriptCheckout,
} from './pipeline-steps.js';
import type {
  DeploymentGate,
  DeploymentStrategy,
  IncludedFile,
  JobParts,
  PipelineActivity,
  PipelineEnvironment,
  PipelineEvent,
  PipelineParts,
  PipelineStep,
  PipelineTriggers,
} from './pipelines.js';
import {
  isRecord,
  outsideRoot,
  type Raw,
  type Reader,
  readList,
  readRecord,
  readString,
  readStringList,
  readStringMap,
} from './read.js';

/** How deep templates may include templates. */
const MAX_TEMPLATE_DEPTH = 10;

const SCRIPT_KEYS = ['script', 'bash', 'pwsh', 'powershell'] as const;
/** Activities that change an environment: a deployment job with one of them needs no stand-in deploy. */
const CHANGES: ReadonlySet<string> = new Set(['deploy', 'iac-apply', 'rollback']);

/** Lifecycle hooks of a deployment strategy, in the order they run. */
const HOOKS = ['preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic'] as const;

interface Context {
  readonly reader: Reader;
  readonly files: ReadonlyMap<string, ParsedPipelineFile>;
  readonly includes: IncludedFile[];
  /** Templates being expanded, outermost first: a template that includes itself is not expanded again. */
  readonly chain: string[];
  /** Variables the YAML gives literal values: not secrets. */
  readonly literalVariables: Set<string>;
}

/** A list item read from the pipeline or from a template it includes, with where it is. */
interface Item {
  readonly raw: Raw;
  readonly at: SourcePointer;
}

/**
 * Reads an Azure Pipelines file: `trigger`/`pr`/`schedules`, stages → jobs → steps (a file may
 * start at any of the three levels), deployment jobs with their environment and strategy, and
 * the local templates it includes (`template:`, `extends:`), whose `${{ parameters.x }}` values
 * are filled in from the reference and the template's defaults.
 */
export function readAzurePipeline(
  reader: Reader,
  file: ParsedPipelineFile,
  files: ReadonlyMap<string, ParsedPipelineFile>,
): PipelineParts {
  const context: Context = { reader, files, includes: [], chain: [file.path], literalVariables: new Set() };
  const triggers = readTriggers(reader, file.body, file.source);
  let body: Raw = file.body;
  let root = file.source;
  let depth = 0;
  const extendsRaw = readRecord(reader, file.body, 'extends', file.source);
  if (extendsRaw !== undefined) {
    const extended = includeTemplate(context, extendsRaw, pointerTo(file.source, 'extends'), file.path);
    if (extended !== undefined) {
      body = extended.body;
      root = extended.file.source;
      depth = 1;
    }
  }
  collectVariables(context, file.body);
  if (body !== file.body) collectVariables(context, body);

  const stages: StageRead[] = [];
  if ('stages' in body) {
    const stageItems = expand(
      context,
      readList(reader, body, 'stages', root),
      pointerTo(root, 'stages'),
      'stages',
      depth,
    );
    stageItems.forEach((item, index) => {
      const name = readString(reader, item.raw, 'stage', item.at) ?? `Stage${index + 1}`;
      collectVariables(context, item.raw);
      const dependsOn =
        'dependsOn' in item.raw
          ? readOneOrMany(reader, item.raw, 'dependsOn', item.at)
          : index > 0
            ? [stages[index - 1]?.name ?? '']
            : [];
      const jobItems = expand(
        context,
        readList(reader, item.raw, 'jobs', item.at),
        pointerTo(item.at, 'jobs'),
        'jobs',
        depth,
      );
      stages.push({ name, dependsOn, condition: readString(reader, item.raw, 'condition', item.at), jobItems });
    });
  } else if ('jobs' in body) {
    const jobItems = expand(context, readList(reader, body, 'jobs', root), pointerTo(root, 'jobs'), 'jobs', depth);
    stages.push({ name: undefined, dependsOn: [], condition: undefined, jobItems });
  } else if ('steps' in body) {
    stages.push({ name: undefined, dependsOn: [], condition: undefined, jobItems: [{ raw: body, at: root }] });
  }

  const jobs = readJobs(context, stages, triggers, depth);
  return {
    triggers,
    permissions: undefined,
    concurrency: undefined,
    stages: stages.flatMap((stage) => (stage.name === undefined ? [] : [stage.name])),
    jobs,
    includes: context.includes,
  };
}

interface StageRead {
  readonly name: string | undefined;
  readonly dependsOn: readonly string[];
  readonly condition: string | undefined;
  readonly jobItems: readonly Item[];
}

function readTriggers(reader: Reader, body: Raw, root: SourcePointer): PipelineTriggers {
  const events: PipelineEvent[] = [];
  const triggerAt = pointerTo(root, 'trigger');
  const prAt = pointerTo(root, 'pr');
  const branchesOf = (key: 'trigger' | 'pr'): 'all' | readonly string[] => {
    const value = body[key];
    if (value === undefined || value === null) return 'all';
    if (value === 'none') return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return readStringList(reader, body, key, root);
    const record = readRecord(reader, body, key, root);
    if (record === undefined) return 'all';
    const keyAt = pointerTo(root, key);
    const branches = record.branches;
    if (Array.isArray(branches)) return readStringList(reader, record, 'branches', keyAt);
    if (isRecord(branches)) {
      const branchesAt = pointerTo(keyAt, 'branches');
      return 'include' in branches ? readStringList(reader, branches, 'include', branchesAt) : 'all';
    }
    return 'tags' in record && !('branches' in record) ? [] : 'all';
  };
  const pushBranches = branchesOf('trigger');
  const prBranches = branchesOf('pr');
  const pullRequests = prBranches === 'all' || prBranches.length > 0;
  if (pushBranches === 'all' || pushBranches.length > 0) {
    events.push({ name: 'push', source: 'trigger' in body ? triggerAt : root });
  }
  if (pullRequests) events.push({ name: 'pull_request', source: 'pr' in body ? prAt : root });
  const schedules = readList(reader, body, 'schedules', root);
  if (schedules.length > 0) events.push({ name: 'schedule', source: pointerTo(root, 'schedules') });
  const resources = isRecord(body.resources) ? body.resources : {};
  const resourceTriggers = ['pipelines', 'repositories', 'containers', 'packages', 'webhooks'].some((key) => {
    const list = resources[key];
    return Array.isArray(list) && list.some((resource) => isRecord(resource) && resource.trigger !== undefined);
  });
  if (resourceTriggers) events.push({ name: 'resource', source: pointerTo(root, 'resources') });
  return {
    events,
    pullRequests: pullRequests || pushBranches === 'all',
    pullRequestTarget: false,
    pushBranches,
    defaultBranchPush: pushBranches !== 'all' && pushBranches.length === 0 ? false : reachesDefaultBranch(pushBranches),
    manualOnly: events.length === 0,
    source: 'trigger' in body ? triggerAt : 'pr' in body ? prAt : root,
  };
}

/** Names of variables given literal values in a `variables:` mapping or list. */
function collectVariables(context: Context, raw: Raw): void {
  const variables = raw.variables;
  if (isRecord(variables)) {
    for (const name of Object.keys(variables)) context.literalVariables.add(name);
  } else if (Array.isArray(variables)) {
    for (const variable of variables) {
      if (isRecord(variable) && typeof variable.name === 'string' && 'value' in variable) {
        context.literalVariables.add(variable.name);
      }
    }
  }
}

/**
 * The items of a `stages`, `jobs` or `steps` list, with `- template:` items replaced by the
 * items of the template, and conditional insertions (`- ${{ if … }}:`) flattened.
 */
function expand(
  context: Context,
  list: readonly unknown[],
  listAt: SourcePointer,
  kind: 'stages' | 'jobs' | 'steps',
  depth: number,
): Item[] {
  const items: Item[] = [];
  list.forEach((value, index) => {
    const itemAt = pointerTo(listAt, index);
    if (!isRecord(value)) {
      readRecord(context.reader, { [index]: value }, String(index), listAt);
      return;
    }
    const keys = Object.keys(value);
    const only = keys.length === 1 ? keys[0] : undefined;
    if (only?.startsWith('${{')) {
      const inner = value[only];
      if (Array.isArray(inner)) items.push(...expand(context, inner, pointerTo(itemAt, only), kind, depth));
      return;
    }
    if (typeof value.template === 'string') {
      if (depth >= MAX_TEMPLATE_DEPTH) return;
      const included = includeTemplate(context, value, itemAt, listAt.file);
      if (included === undefined) return;
      const inner = included.body[kind];
      if (Array.isArray(inner) && !context.chain.includes(included.file.path)) {
        context.chain.push(included.file.path);
        items.push(...expand(context, inner, pointerTo(included.file.source, kind), kind, depth + 1));
        context.chain.pop();
      }
      return;
    }
    items.push({ raw: value, at: itemAt });
  });
  return items;
}

/** Records a `template:` reference and returns the template's body with its parameters filled in. */
function includeTemplate(
  context: Context,
  raw: Raw,
  at: SourcePointer,
  from: string,
): { file: ParsedPipelineFile; body: Raw } | undefined {
  const reference = readString(context.reader, raw, 'template', at) ?? '';
  const path = resolveAzureTemplate(from, reference);
  if (azureTemplateEscapes(from, reference))
    outsideRoot(context.reader, pointerTo(at, 'template'), `Azure Pipelines template "${reference}"`);
  const file = path === undefined ? undefined : context.files.get(path);
  context.includes.push({
    reference,
    type: reference.includes('@') ? 'repository' : 'local',
    path,
    found: file !== undefined,
    source: pointerTo(at, 'template'),
  });
  if (file === undefined) return undefined;
  const given = readRecord(context.reader, raw, 'parameters', at) ?? {};
  const parameters = { ...parameterDefaults(file.body.parameters), ...scalars(given) };
  return { file, body: substitute(file.body, parameters) as Raw };
}

function parameterDefaults(declared: unknown): Record<string, string> {
  if (isRecord(declared)) return scalars(declared);
  if (!Array.isArray(declared)) return {};
  const defaults: Record<string, string> = {};
  for (const parameter of declared) {
    if (!isRecord(parameter) || typeof parameter.name !== 'string') continue;
    const value = parameter.default;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      defaults[parameter.name] = String(value);
    }
  }
  return defaults;
}

function scalars(record: Raw): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      result[key] = String(value);
  }
  return result;
}

/** Fills `${{ parameters.x }}` (and `${{ parameters['x'] }}`) in every string value; keys are left as written. */
function substitute(value: unknown, parameters: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{\{\s*parameters(?:\.([A-Za-z0-9_-]+)|\[\s*'([^']+)'\s*\])\s*\}\}/g,
      (whole, dotted: string | undefined, quoted: string | undefined) => parameters[dotted ?? quoted ?? ''] ?? whole,
    );
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, parameters));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, parameters)]));
  }
  return value;
}

function readJobs(
  context: Context,
  stages: readonly StageRead[],
  triggers: PipelineTriggers,
  depth: number,
): JobParts[] {
  const { reader } = context;
  const idOf = (stage: string | undefined, job: string) => (stage === undefined ? job : `${stage}.${job}`);
  const jobIdsByStage = new Map<string, string[]>();
  const read: {
    job: JobParts;
    dependsOn: readonly string[];
    stage: StageRead;
    manualValidation: SourcePointer | undefined;
  }[] = [];
  for (const stage of stages) {
    stage.jobItems.forEach((item, index) => {
      const { raw, at } = item;
      const deployment = 'deployment' in raw;
      const nameKey = deployment ? 'deployment' : 'job';
      const name = readString(reader, raw, nameKey, at) ?? `Job${index === 0 ? '' : index}`;
      const id = idOf(stage.name, name);
      collectVariables(context, raw);
      const ids = jobIdsByStage.get(stage.name ?? '') ?? [];
      ids.push(id);
      jobIdsByStage.set(stage.name ?? '', ids);
      const condition = readString(reader, raw, 'condition', at);
      const environments = deployment ? readEnvironment(reader, raw, at) : [];
      const strategyRead = deployment ? readStrategy(context, raw, at, depth) : undefined;
      const stepItems =
        strategyRead?.stepItems ??
        expand(context, readList(reader, raw, 'steps', at), pointerTo(at, 'steps'), 'steps', depth);
      const steps = stepItems.map((step, stepIndex) => readStep(context, step, stepIndex));
      const manualValidation = steps.find((step) => /^manualvalidation@/i.test(step.task ?? ''))?.source;
      const declaredActivities: PipelineActivity[] = [];
      const environment = environments[0];
      const changes = steps.some((step) => step.activities.some((activity) => CHANGES.has(activity.kind)));
      if (deployment && environment !== undefined && !changes) {
        declaredActivities.push({
          kind: 'deploy',
          area: 'unknown',
          tool: 'a deployment job',
          environmentHint: undefined,
          rollsBackOnFailure: false,
          progressive: strategyRead?.strategy.type === 'canary' || strategyRead?.strategy.type === 'rolling',
          step: -1,
          source: environment.source,
        });
      }
      const gates: DeploymentGate[] = [];
      if (environment !== undefined) gates.push({ kind: 'environment', source: environment.source });
      if (triggers.manualOnly) gates.push({ kind: 'manual-trigger', source: triggers.source });
      read.push({
        job: {
          id,
          name: readString(reader, raw, 'displayName', at) ?? name,
          jobKind: deployment ? 'deployment' : 'job',
          stage: stage.name,
          needs: [],
          afterStages: [],
          condition,
          runsOnPullRequests:
            triggers.pullRequests && !excludesPullRequests(stage.condition) && !excludesPullRequests(condition),
          declaredEnvironments: environments,
          declaredActivities,
          gates,
          timeout: readMinutes(reader, raw, 'timeoutInMinutes', at),
          permissions: undefined,
          concurrency: undefined,
          strategy: strategyRead?.strategy,
          calls: undefined,
          steps,
          source: at,
        },
        dependsOn: readOneOrMany(reader, raw, 'dependsOn', at).map((other) => idOf(stage.name, other)),
        stage,
        manualValidation,
      });
    });
  }

  // Stage order: a stage waits for the stages it depends on (the previous one by default), transitively.
  const stageByName = new Map(
    stages.flatMap((stage) => (stage.name === undefined ? [] : [[stage.name, stage] as const])),
  );
  const earlierStages = (stage: StageRead, seen: Set<string> = new Set()): string[] => {
    const found: string[] = [];
    for (const name of stage.dependsOn) {
      const before = stageByName.get(name);
      if (before === undefined || seen.has(name)) continue;
      seen.add(name);
      found.push(name, ...earlierStages(before, seen));
    }
    return found;
  };
  const validations = new Map(
    read.flatMap((entry) =>
      entry.manualValidation === undefined ? [] : [[entry.job.id, entry.manualValidation] as const],
    ),
  );
  return read.map(({ job, dependsOn, stage }) => {
    const afterStages = earlierStages(stage).flatMap((name) => jobIdsByStage.get(name) ?? []);
    const gates = [...job.gates];
    const before = new Set([...afterStages, ...dependsOn]);
    for (const [id, source] of validations) if (before.has(id)) gates.push({ kind: 'manual-validation', source });
    return { ...job, needs: dependsOn, afterStages, gates };
  });
}

/** `environment: production`, `environment: production.web` (a resource in it) or `{ name, resourceName }`. */
function readEnvironment(reader: Reader, raw: Raw, at: SourcePointer): PipelineEnvironment[] {
  const value = raw.environment;
  if (value === undefined || value === null) return [];
  const source = pointerTo(at, 'environment');
  const written = isRecord(value)
    ? readString(reader, value, 'name', source)
    : readString(reader, raw, 'environment', at);
  if (written === undefined || written.trim() === '') return [];
  const name = written.includes('${{') || written.includes('$(') ? written : (written.split('.')[0] ?? written);
  return [{ name, tier: environmentTier(name), origin: 'declared', source }];
}

/** A deployment job's strategy and the steps of its lifecycle hooks, in the order they run. */
function readStrategy(
  context: Context,
  raw: Raw,
  at: SourcePointer,
  depth: number,
): { strategy: DeploymentStrategy; stepItems: Item[] } | undefined {
  const strategy = readRecord(context.reader, raw, 'strategy', at);
  if (strategy === undefined) return undefined;
  const strategyAt = pointerTo(at, 'strategy');
  const type = Object.keys(strategy).find((key) => key === 'runOnce' || key === 'rolling' || key === 'canary');
  if (type === undefined) return undefined;
  const typeAt = pointerTo(strategyAt, type);
  const body = readRecord(context.reader, strategy, type, strategyAt) ?? {};
  const stepItems: Item[] = [];
  const hookSteps = (hook: Raw, hookAt: SourcePointer) =>
    expand(context, readList(context.reader, hook, 'steps', hookAt), pointerTo(hookAt, 'steps'), 'steps', depth);
  for (const name of HOOKS) {
    const hook = readRecord(context.reader, body, name, typeAt);
    if (hook !== undefined) stepItems.push(...hookSteps(hook, pointerTo(typeAt, name)));
  }
  const on = readRecord(context.reader, body, 'on', typeAt) ?? {};
  const onAt = pointerTo(typeAt, 'on');
  let failureHook: SourcePointer | undefined;
  for (const name of ['failure', 'success'] as const) {
    const hook = readRecord(context.reader, on, name, onAt);
    if (hook === undefined) continue;
    const steps = hookSteps(hook, pointerTo(onAt, name));
    if (name === 'failure' && steps.length > 0) failureHook = pointerTo(onAt, name);
    stepItems.push(...steps);
  }
  return { strategy: { type, failureHook, source: typeAt }, stepItems };
}

/** Predefined variables that are not secrets. */
const PREDEFINED = /^(Build|Agent|System|Pipeline|Release|Environment|Strategy|Resources)\./i;

function readStep(context: Context, item: Item, index: number): PipelineStep {
  const { reader } = context;
  const { raw, at } = item;
  const scriptKey = SCRIPT_KEYS.find((key) => key in raw);
  const run = scriptKey === undefined ? undefined : readString(reader, raw, scriptKey, at);
  const runAt = pointerTo(at, scriptKey ?? 'script');
  const task = readString(reader, raw, 'task', at);
  const taskAt = pointerTo(at, 'task');
  const inputs = readStringMap(reader, raw, 'inputs', at);
  const env = readStringMap(reader, raw, 'env', at);
  const secretVariables = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    const mapped = /^\$\(([A-Za-z0-9_.-]+)\)$/.exec(value.trim())?.[1];
    if (mapped === undefined) continue;
    if (/^System\.AccessToken$/i.test(mapped) || (!PREDEFINED.test(mapped) && !context.literalVariables.has(mapped))) {
      secretVariables.add(name);
    }
  }
  const activities = [
    ...(run === undefined ? [] : scriptActivities(run, index, runAt)),
    ...(task === undefined ? [] : located(classifyTask(task, inputs), index, taskAt)),
  ];
  const taskScript = inputs.script ?? inputs.inlineScript ?? inputs.Inline;
  const printable = run ?? (task === undefined ? undefined : taskScript);
  const printAt = run === undefined ? pointerTo(at, 'inputs') : runAt;
  return {
    index,
    name: readString(reader, raw, 'displayName', at) ?? readString(reader, raw, 'name', at),
    run,
    action: undefined,
    task,
    inputs,
    activities,
    printed:
      printable === undefined
        ? []
        : printedValues(printable, printAt, {
            secretVariables,
            macroSyntax: true,
            environmentHoldsSecrets: secretVariables.size > 0,
          }),
    pullRequestCheckout: run === undefined ? undefined : scriptCheckout(run, runAt),
    source: at,
  };
}
