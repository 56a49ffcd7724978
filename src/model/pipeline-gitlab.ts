import { pointerTo, type SourcePointer } from '../core/source.js';
import { gitLabIncludes, gitLabLocalEscapes, resolveGitLabLocal } from '../parse/pipeline-references.js';
import type { ParsedPipelineFile } from '../parse/pipelines.js';
import {
  ENVIRONMENT_TIERS,
  type EnvironmentTier,
  environmentTier,
  excludesPullRequests,
} from './pipeline-environments.js';
import { printedValues, readOneOrMany, scriptActivities } from './pipeline-steps.js';
import type {
  DeploymentGate,
  IncludedFile,
  JobParts,
  PipelineActivity,
  PipelineEnvironment,
  PipelineEvent,
  PipelineParts,
  PipelineStep,
  PipelineTriggers,
} from './pipelines.js';
import { isRecord, outsideRoot, type Raw, type Reader, readList, readRecord, readString } from './read.js';

/** Top-level keys that configure the pipeline rather than name a job. */
const RESERVED = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

/** Keys a job takes from `default:` (and the old top-level globals) when it does not set them. */
const INHERITED = ['before_script', 'after_script', 'image', 'timeout'] as const;
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;
const DEFAULT_STAGES = ['build', 'test', 'deploy'];
const MAX_INCLUDE_DEPTH = 10;
/** Activities that change an environment: a job with one of them needs no stand-in deploy. */
const CHANGES: ReadonlySet<string> = new Set(['deploy', 'iac-apply', 'rollback']);
/** GitLab stops at eleven levels of `extends`. */
const MAX_EXTENDS_DEPTH = 11;

/** Templates GitLab ships that add an image scan job, and the job they add. */
const SCANNING_TEMPLATES =
  /(^|\/)(Container-Scanning|Container_Scanning)(\.latest)?\.gitlab-ci\.yml$|container-scanning@/i;

/** One definition of a top-level key, in one file. */
interface Layer {
  readonly value: unknown;
  readonly at: SourcePointer;
}

/** A mapping merged from several definitions, with the definition each of its keys comes from. */
interface Merged {
  readonly value: Record<string, unknown>;
  /** Key → the mapping that holds it (its parent pointer). */
  readonly origin: ReadonlyMap<string, SourcePointer>;
}

interface Context {
  readonly reader: Reader;
  readonly files: ReadonlyMap<string, ParsedPipelineFile>;
  readonly includes: IncludedFile[];
  readonly definitions: Map<string, Layer[]>;
  /** Jobs added by GitLab templates (container scanning). */
  readonly templateJobs: { readonly id: string; readonly activity: PipelineActivity }[];
}

/**
 * Reads a GitLab CI file: the local files it includes (merged under it), `stages`, `workflow:
 * rules`, `default`, and each job with `extends`, `!reference` and the defaults resolved.
 */
export function readGitLabPipeline(
  reader: Reader,
  file: ParsedPipelineFile,
  files: ReadonlyMap<string, ParsedPipelineFile>,
): PipelineParts {
  const context: Context = { reader, files, includes: [], definitions: new Map(), templateJobs: [] };
  collect(context, file, 0, new Set());
  const last = (key: string): Layer | undefined => context.definitions.get(key)?.at(-1);
  const stagesLayer = last('stages');
  const stages = stagesLayer === undefined ? DEFAULT_STAGES : readStages(reader, stagesLayer);
  const order = ['.pre', ...stages, '.post'];
  const triggers = readTriggers(reader, last('workflow'), file.source);
  const defaults = mergeDefaults(context);

  const jobs: JobParts[] = [];
  for (const [key, layers] of context.definitions) {
    if (RESERVED.has(key) || key.startsWith('.')) continue;
    if (!layers.some((layer) => isRecord(layer.value))) {
      const layer = layers.at(-1);
      if (layer !== undefined) readRecord(reader, { [key]: layer.value }, key, parentOf(layer.at));
      continue;
    }
    const merged = resolve(context, key, new Set());
    const definedAt = layers.at(-1)?.at ?? pointerTo(file.source, key);
    jobs.push(readJob(context, key, definedAt, withDefaults(merged, defaults), triggers));
  }
  for (const added of context.templateJobs) {
    jobs.push(templateJob(added.id, added.activity, triggers));
  }

  const stageIndex = (job: JobParts) => order.indexOf(job.stage ?? 'test');
  const finished = jobs.map((job): JobParts => {
    if (job.needs.length > 0 || hasNeeds(context, job.id)) return job;
    const index = stageIndex(job);
    const afterStages = jobs
      .filter((other) => stageIndex(other) < index && other.id !== job.id)
      .map((other) => other.id);
    return { ...job, afterStages };
  });
  return {
    triggers,
    permissions: undefined,
    concurrency: undefined,
    stages,
    jobs: finished,
    includes: context.includes,
  };
}

function parentOf(pointer: SourcePointer): SourcePointer {
  return { ...pointer, path: pointer.path.slice(0, -1) };
}

/** Gathers every top-level definition: the included files' first (in order), then the file's own. */
function collect(context: Context, file: ParsedPipelineFile, depth: number, visiting: Set<string>): void {
  visiting.add(file.path);
  const root = file.source;
  const body = file.body;
  if ('include' in body) {
    const includeAt = pointerTo(root, 'include');
    for (const include of gitLabIncludes(body.include)) {
      const itemAt = include.index === undefined ? includeAt : pointerTo(includeAt, include.index);
      const source = include.key === undefined ? itemAt : pointerTo(itemAt, include.key);
      const path = include.type === 'local' ? resolveGitLabLocal(file.repositoryRoot, include.path) : undefined;
      if (include.type === 'local' && gitLabLocalEscapes(file.repositoryRoot, include.path))
        outsideRoot(context.reader, source, `GitLab include "${include.path}"`);
      const included = path === undefined ? undefined : context.files.get(path);
      context.includes.push({
        reference: include.path,
        type: include.type,
        path,
        found: included !== undefined,
        source,
      });
      if ((include.type === 'template' || include.type === 'component') && SCANNING_TEMPLATES.test(include.path)) {
        context.templateJobs.push({
          id: 'container_scanning',
          activity: {
            kind: 'scan-image',
            area: 'image',
            tool: include.path,
            environmentHint: undefined,
            rollsBackOnFailure: false,
            progressive: false,
            step: -1,
            source,
          },
        });
      }
      if (included !== undefined && depth < MAX_INCLUDE_DEPTH && !visiting.has(included.path)) {
        collect(context, included, depth + 1, visiting);
      }
    }
  }
  for (const [key, value] of Object.entries(body)) {
    if (key === 'include') continue;
    const layers = context.definitions.get(key) ?? [];
    layers.push({ value, at: pointerTo(root, key) });
    context.definitions.set(key, layers);
  }
}

function readStages(reader: Reader, layer: Layer): string[] {
  if (!Array.isArray(layer.value)) {
    readList(reader, { stages: layer.value }, 'stages', parentOf(layer.at));
    return DEFAULT_STAGES;
  }
  return layer.value.flat().filter((stage): stage is string => typeof stage === 'string');
}

/**
 * `workflow: rules:` decides which pipelines run. Without it a pipeline runs on every push to
 * every branch, whose result GitLab shows on the merge request.
 */
function readTriggers(reader: Reader, workflow: Layer | undefined, root: SourcePointer): PipelineTriggers {
  const source = workflow?.at ?? root;
  const record = workflow !== undefined && isRecord(workflow.value) ? workflow.value : undefined;
  if (workflow !== undefined && record === undefined)
    readRecord(reader, { workflow: workflow.value }, 'workflow', root);
  const rules = record === undefined ? [] : readRules(reader, record, source);
  if (rules.length === 0) {
    return {
      events: [
        { name: 'push', source },
        { name: 'merge_request', source },
      ],
      pullRequests: true,
      pullRequestTarget: false,
      pushBranches: 'all',
      defaultBranchPush: true,
      manualOnly: false,
      source,
    };
  }
  const events: PipelineEvent[] = [];
  let pullRequests = false;
  let defaultBranchPush = false;
  let allBranches = false;
  for (const rule of rules) {
    if (rule.when === 'never') continue;
    const condition = rule.condition ?? '';
    if (rule.condition === undefined || !excludesPullRequests(condition)) {
      pullRequests = true;
      events.push({ name: /merge_request/.test(condition) ? 'merge_request' : 'push', source: rule.source });
    }
    if (rule.condition === undefined || /\$CI_COMMIT_BRANCH(?!\s*[=!]=)/.test(condition)) allBranches = true;
    if (
      rule.condition === undefined ||
      /CI_DEFAULT_BRANCH|["'](main|master)["']|\$CI_COMMIT_BRANCH(?!\s*[=!]=)/.test(condition)
    ) {
      defaultBranchPush = true;
      if (!events.some((event) => event.source === rule.source)) events.push({ name: 'push', source: rule.source });
    }
    if (/\$CI_PIPELINE_SOURCE\s*==\s*["']schedule["']/.test(condition))
      events.push({ name: 'schedule', source: rule.source });
  }
  return {
    events,
    pullRequests,
    pullRequestTarget: false,
    pushBranches: allBranches ? 'all' : defaultBranchPush ? ['main'] : [],
    defaultBranchPush,
    manualOnly: false,
    source,
  };
}

interface Rule {
  readonly condition: string | undefined;
  readonly when: string | undefined;
  readonly source: SourcePointer;
}

function readRules(reader: Reader, raw: Raw, parent: SourcePointer): Rule[] {
  return readList(reader, raw, 'rules', parent).flatMap((rule, index) => {
    const ruleAt = pointerTo(parent, 'rules', index);
    if (!isRecord(rule)) return [];
    return [
      {
        condition: readString(reader, rule, 'if', ruleAt),
        when: readString(reader, rule, 'when', ruleAt),
        source: ruleAt,
      },
    ];
  });
}

function layerToMerged(layer: Layer): Merged | undefined {
  if (!isRecord(layer.value)) return undefined;
  return { value: layer.value, origin: new Map(Object.keys(layer.value).map((key) => [key, layer.at])) };
}

/** Deep-merges mappings as GitLab does (`include`, `extends`); lists and scalars are replaced. */
function merge(base: Merged, over: Merged): Merged {
  const value: Record<string, unknown> = { ...base.value };
  const origin = new Map(base.origin);
  for (const [key, item] of Object.entries(over.value)) {
    const before = value[key];
    value[key] = isRecord(before) && isRecord(item) ? deepMerge(before, item) : item;
    const from = over.origin.get(key);
    if (from !== undefined) origin.set(key, from);
  }
  return { value, origin };
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, item] of Object.entries(over)) {
    const before = result[key];
    result[key] = isRecord(before) && isRecord(item) ? deepMerge(before, item) : item;
  }
  return result;
}

const EMPTY: Merged = { value: {}, origin: new Map() };

/** A definition with its `extends` chain merged under it. */
function resolve(context: Context, key: string, visiting: ReadonlySet<string>): Merged {
  const layers = context.definitions.get(key) ?? [];
  let own = EMPTY;
  for (const layer of layers) {
    const merged = layerToMerged(layer);
    if (merged !== undefined) own = merge(own, merged);
  }
  if (visiting.size >= MAX_EXTENDS_DEPTH || visiting.has(key)) return own;
  const next = new Set([...visiting, key]);
  const parent = own.origin.get('extends');
  const bases = parent === undefined ? [] : readOneOrMany(context.reader, own.value, 'extends', parent);
  let result = EMPTY;
  for (const base of bases) result = merge(result, resolve(context, base, next));
  const combined = merge(result, own);
  const value = { ...combined.value };
  delete value.extends;
  return { value, origin: combined.origin };
}

/** `default:` merged from every file, plus the old top-level `image`, `before_script`, `after_script`. */
function mergeDefaults(context: Context): Merged {
  let defaults = EMPTY;
  for (const key of INHERITED) {
    const layer = context.definitions.get(key)?.at(-1);
    if (layer !== undefined) {
      defaults = merge(defaults, { value: { [key]: layer.value }, origin: new Map([[key, parentOf(layer.at)]]) });
    }
  }
  for (const layer of context.definitions.get('default') ?? []) {
    if (!isRecord(layer.value)) {
      readRecord(context.reader, { default: layer.value }, 'default', parentOf(layer.at));
      continue;
    }
    const merged = layerToMerged(layer);
    if (merged !== undefined) defaults = merge(defaults, merged);
  }
  return defaults;
}

function withDefaults(job: Merged, defaults: Merged): Merged {
  const inherit = job.value.inherit;
  const setting = isRecord(inherit) ? inherit.default : undefined;
  if (setting === false) return job;
  const allowed = Array.isArray(setting) ? new Set(setting.filter((key) => typeof key === 'string')) : undefined;
  const value = { ...job.value };
  const origin = new Map(job.origin);
  for (const key of INHERITED) {
    if (key in value || !(key in defaults.value) || (allowed !== undefined && !allowed.has(key))) continue;
    value[key] = defaults.value[key];
    const from = defaults.origin.get(key);
    if (from !== undefined) origin.set(key, from);
  }
  return { value, origin };
}

/** Reads a merged job; `source` is its key in the file that defines it last (the one that wins). */
function readJob(
  context: Context,
  id: string,
  source: SourcePointer,
  job: Merged,
  triggers: PipelineTriggers,
): JobParts {
  const { reader } = context;
  const raw = job.value;
  const parent = (key: string) => job.origin.get(key) ?? source;
  const at = (key: string) => pointerTo(parent(key), key);

  const steps: PipelineStep[] = [];
  for (const key of SCRIPT_KEYS) {
    if (!(key in raw)) continue;
    for (const line of scriptLines(context, raw, key, parent(key))) {
      const index = steps.length;
      steps.push({
        index,
        name: undefined,
        run: line.text,
        action: undefined,
        task: undefined,
        inputs: {},
        activities: scriptActivities(line.text, index, line.source),
        printed: printedValues(line.text, line.source, {
          secretVariables: new Set(),
          macroSyntax: false,
          environmentHoldsSecrets: true,
        }),
        pullRequestCheckout: undefined,
        source: line.source,
      });
    }
  }

  const environment = readEnvironment(reader, raw, parent('environment'));
  const gates: DeploymentGate[] = [];
  const when = readString(reader, raw, 'when', parent('when'));
  if (when === 'manual') gates.push({ kind: 'manual', source: at('when') });
  const rules = 'rules' in raw ? readRules(reader, raw, parent('rules')) : [];
  for (const rule of rules) {
    if (rule.when === 'manual') gates.push({ kind: 'manual', source: pointerTo(rule.source, 'when') });
  }
  if (environment.target !== undefined) gates.push({ kind: 'environment', source: environment.target.source });

  const declaredActivities: PipelineActivity[] = [];
  const deploys = steps.some((step) => step.activities.some((activity) => CHANGES.has(activity.kind)));
  if (environment.target !== undefined && !deploys) {
    declaredActivities.push({
      kind: 'deploy',
      area: 'unknown',
      tool: 'a deployment job',
      environmentHint: undefined,
      rollsBackOnFailure: false,
      progressive: false,
      step: -1,
      source: environment.target.source,
    });
  }
  const resourceGroup = readString(reader, raw, 'resource_group', parent('resource_group'));
  const needsParent = parent('needs');
  const needs = 'needs' in raw ? readNeeds(reader, raw, needsParent) : [];
  return {
    id,
    name: id,
    jobKind: 'trigger' in raw ? 'trigger' : 'job',
    stage: readString(reader, raw, 'stage', parent('stage')) ?? 'test',
    needs,
    afterStages: [],
    condition: rules.map((rule) => rule.condition ?? '').join(' || ') || undefined,
    runsOnPullRequests: triggers.pullRequests && runsForProposedChanges(reader, raw, parent, rules),
    declaredEnvironments: environment.target === undefined ? [] : [environment.target],
    declaredActivities,
    gates,
    timeout: readTimeout(reader, raw, parent('timeout')),
    permissions: undefined,
    concurrency:
      resourceGroup === undefined
        ? undefined
        : { group: resourceGroup, cancelInProgress: undefined, source: at('resource_group') },
    strategy: undefined,
    calls: undefined,
    steps,
    source,
  };
}

function hasNeeds(context: Context, id: string): boolean {
  return resolve(context, id, new Set()).value.needs !== undefined;
}

function readNeeds(reader: Reader, raw: Raw, parent: SourcePointer): string[] {
  const value = raw.needs;
  if (!Array.isArray(value)) return readOneOrMany(reader, raw, 'needs', parent);
  return value.flatMap((need, index) => {
    if (typeof need === 'string') return [need];
    if (isRecord(need) && need.project === undefined && need.pipeline === undefined) {
      const name = readString(reader, need, 'job', pointerTo(parent, 'needs', index));
      return name === undefined ? [] : [name];
    }
    return [];
  });
}

/** The commands of a script key, with `!reference [.job, key]` and nested lists flattened. */
function scriptLines(
  context: Context,
  raw: Raw,
  key: string,
  parent: SourcePointer,
): { text: string; source: SourcePointer }[] {
  const value = raw[key];
  const keyAt = pointerTo(parent, key);
  if (typeof value === 'string') return [{ text: value, source: keyAt }];
  const lines: { text: string; source: SourcePointer }[] = [];
  readList(context.reader, raw, key, parent).forEach((item, index) => {
    const source = pointerTo(keyAt, index);
    for (const text of flattenScript(context, item, 0)) lines.push({ text, source });
  });
  return lines;
}

function flattenScript(context: Context, item: unknown, depth: number): string[] {
  if (typeof item === 'string') return [item];
  if (typeof item === 'number' || typeof item === 'boolean') return [String(item)];
  if (!Array.isArray(item) || depth > MAX_EXTENDS_DEPTH) return [];
  const [first, ...keys] = item;
  if (
    typeof first === 'string' &&
    keys.length > 0 &&
    context.definitions.has(first) &&
    keys.every((k) => typeof k === 'string')
  ) {
    let value: unknown = resolve(context, first, new Set()).value;
    for (const key of keys) value = isRecord(value) ? value[key as string] : undefined;
    return flattenScript(context, Array.isArray(value) || typeof value === 'string' ? value : [], depth + 1);
  }
  return item.flatMap((inner) => flattenScript(context, inner, depth + 1));
}

/**
 * `environment: production` or `{ name, action, deployment_tier }`. A job whose action is
 * `stop`, `prepare`, `verify` or `access` does not deploy to it.
 */
function readEnvironment(reader: Reader, raw: Raw, parent: SourcePointer): { target: PipelineEnvironment | undefined } {
  const value = raw.environment;
  if (value === undefined || value === null) return { target: undefined };
  const source = pointerTo(parent, 'environment');
  let name: string | undefined;
  let action: string | undefined;
  let declaredTier: string | undefined;
  if (isRecord(value)) {
    name = readString(reader, value, 'name', source);
    action = readString(reader, value, 'action', source);
    declaredTier = readString(reader, value, 'deployment_tier', source);
  } else {
    name = readString(reader, raw, 'environment', parent);
  }
  if (name === undefined || name.trim() === '' || (action !== undefined && action !== 'start'))
    return { target: undefined };
  const tier: EnvironmentTier | undefined = (ENVIRONMENT_TIERS as readonly string[]).includes(declaredTier ?? '')
    ? (declaredTier as EnvironmentTier)
    : environmentTier(name);
  return { target: { name, tier, origin: 'declared', source } };
}

/** `timeout: 1h 30m`, `90 minutes`, `3600` (seconds). */
function readTimeout(
  reader: Reader,
  raw: Raw,
  parent: SourcePointer,
): { minutes: number | undefined; source: SourcePointer } | undefined {
  const text = readString(reader, raw, 'timeout', parent);
  if (text === undefined) return undefined;
  const source = pointerTo(parent, 'timeout');
  if (/^\s*\d+\s*$/.test(text)) return { minutes: Number(text) / 60, source };
  let minutes = 0;
  let matched = false;
  for (const match of text.matchAll(
    /(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b/gi,
  )) {
    matched = true;
    const amount = Number(match[1]);
    const unit = (match[2] ?? '').toLowerCase();
    minutes += unit.startsWith('d')
      ? amount * 1440
      : unit.startsWith('h')
        ? amount * 60
        : unit.startsWith('s')
          ? amount / 60
          : amount;
  }
  return { minutes: matched ? minutes : undefined, source };
}

/** Whether a job's `rules`, `only` and `except` let it run for branch pushes or merge requests. */
function runsForProposedChanges(
  reader: Reader,
  raw: Raw,
  parent: (key: string) => SourcePointer,
  rules: readonly Rule[],
): boolean {
  if (rules.length > 0) {
    return rules.some((rule) => rule.when !== 'never' && !excludesPullRequests(rule.condition));
  }
  const refs = (key: 'only' | 'except'): string[] | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
    if (isRecord(value)) {
      const record = readRecord(reader, raw, key, parent(key)) ?? {};
      const list = record.refs;
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : undefined;
    }
    return undefined;
  };
  const only = refs('only');
  const except = refs('except') ?? [];
  if (except.includes('branches')) return false;
  if (only === undefined) return true;
  return only.some((ref) => ref === 'branches' || ref === 'merge_requests' || ref === 'pushes' || ref.startsWith('/'));
}

function templateJob(id: string, activity: PipelineActivity, triggers: PipelineTriggers): JobParts {
  return {
    id,
    name: id,
    jobKind: 'job',
    stage: 'test',
    needs: [],
    afterStages: [],
    condition: undefined,
    runsOnPullRequests: triggers.pullRequests,
    declaredEnvironments: [],
    declaredActivities: [activity],
    gates: [],
    timeout: undefined,
    permissions: undefined,
    concurrency: undefined,
    strategy: undefined,
    calls: undefined,
    steps: [],
    source: activity.source,
  };
}
