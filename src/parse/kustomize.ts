import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  type Locator,
  type ParseIssue,
  type PathSegment,
  pointerTo,
  type RepoPath,
  resolvePointer,
  type SourcePointer,
} from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { cloneValue } from './clone.js';
import { parseYamlNow, type YamlSource } from './file-parse.js';
import { isRecord, type KubernetesObject, parseKubernetesFile } from './kubernetes.js';
import { parseYamlStream, type YamlDocument, type YamlStream } from './yaml-stream.js';

/** One overlay rendered: an environment of the system. */
export interface KustomizeEnvironment {
  /** The overlay's directory name (`prod`), or its path when names clash. */
  readonly name: string;
  /** The kustomization file at the root of the overlay. */
  readonly root: RepoPath;
  readonly objects: readonly KubernetesObject[];
}

/** A Kustomize feature prodready does not render, reported in coverage rather than dropped. */
export interface UnsupportedFeature {
  readonly file: RepoPath;
  readonly line: number;
  readonly column: number;
  readonly feature: string;
}

export interface KustomizeResult {
  readonly environments: readonly KustomizeEnvironment[];
  /** Files that kustomizations include (resources, patches): evaluated through their overlays only. */
  readonly consumed: ReadonlySet<RepoPath>;
  readonly issues: readonly ParseIssue[];
  readonly unsupported: readonly UnsupportedFeature[];
  /** Kustomization files read. */
  readonly examined: readonly RepoPath[];
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const UNSUPPORTED_KEYS = [
  'helmCharts',
  'helmGlobals',
  'replacements',
  'vars',
  'transformers',
  'generators',
  'validators',
  'crds',
  'openapi',
  'configurations',
  'sortOptions',
  'buildMetadata',
  'patchesJson6902Target',
  'inventory',
];

/** Lists merged item by item by a key in a strategic merge patch, as Kubernetes types declare them. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  envFrom: '',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  tolerations: '',
  hostAliases: 'ip',
};

interface Rendered {
  readonly body: Record<string, unknown>;
  /** The object's root: the locator answers with the file that produced each value. */
  readonly source: SourcePointer;
}

interface Origin {
  readonly path: readonly PathSegment[];
  readonly pointer: SourcePointer;
}

/**
 * Renders every Kustomize overlay natively (no binary): resources, bases, components,
 * generators, strategic-merge and JSON 6902 patches, namespace, name prefix/suffix with
 * reference fix-ups, labels, annotations, images and replicas. Each overlay that no other
 * kustomization includes is an environment; every value of a rendered object locates to the
 * file and line that set it (the patch line when a patch set it). Pure: works on the
 * discovered files only.
 */
export function renderKustomizations(files: readonly SourceFile[], yamlOf: YamlSource = parseYamlNow): KustomizeResult {
  const byPath = new Map(files.map((file) => [file.path as string, file]));
  const kustomizations = files.filter((file) => file.kind === 'kustomization');
  if (kustomizations.length === 0) {
    return { environments: [], consumed: new Set(), issues: [], unsupported: [], examined: [] };
  }
  const issues: ParseIssue[] = [];
  const unsupported: UnsupportedFeature[] = [];
  const consumed = new Set<RepoPath>();
  const parsedFiles = new Map<string, readonly KubernetesObject[]>();
  const streams = new Map<string, YamlStream>();
  const reported = new Set<string>();

  const stream = (file: SourceFile) => {
    let parsed = streams.get(file.path);
    if (parsed === undefined) {
      parsed = yamlOf(file);
      streams.set(file.path, parsed);
    }
    return parsed;
  };
  const issue = (file: RepoPath, at: { line: number; column: number }, message: string) => {
    const key = `${file}:${at.line}:${at.column}:${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    issues.push({ file, line: at.line, column: at.column, message });
  };
  const objectsOf = (file: SourceFile): readonly KubernetesObject[] => {
    let objects = parsedFiles.get(file.path);
    if (objects === undefined) {
      const parsed = parseKubernetesFile(file, yamlOf);
      for (const problem of parsed.issues) issue(problem.file, problem, problem.message);
      objects = parsed.objects;
      parsedFiles.set(file.path, objects);
    }
    return objects;
  };
  const kustomizationIn = (directory: string): SourceFile | undefined => {
    for (const name of KUSTOMIZATION_NAMES) {
      const file = byPath.get(directory === '.' ? name : `${directory}/${name}`);
      if (file !== undefined) return file;
    }
    return undefined;
  };

  const render = (file: SourceFile, stack: readonly string[], start: readonly Rendered[]): Rendered[] => {
    const document = stream(file).documents[0];
    for (const problem of stream(file).issues) issue(file.path, problem, problem.message);
    if (document === undefined || !isRecord(document.value)) return [...start];
    const k = document.value;
    const at = (...segments: PathSegment[]): SourcePointer => ({
      file: file.path,
      locator: document.locator,
      path: segments,
    });
    const where = (...segments: PathSegment[]) => {
      const located = resolvePointer(at(...segments));
      return { line: located.line, column: located.column };
    };
    const directory = path.posix.dirname(file.path);
    const resolve = (entry: string) => path.posix.normalize(path.posix.join(directory, entry));
    // Only discovered files are ever read: a path above the scanned root is reported, not followed.
    const missing = (entry: string) => {
      const resolved = resolve(entry);
      return resolved === '..' || resolved.startsWith('../') || path.posix.isAbsolute(entry)
        ? 'points outside the scanned root; not followed.'
        : 'was not found in the scanned tree.';
    };

    for (const key of UNSUPPORTED_KEYS) {
      if (k[key] !== undefined) unsupported.push({ file: file.path, ...where(key), feature: key });
    }

    let objects: Rendered[] = [...start];
    const includeDirectory = (entry: string, segments: PathSegment[], asComponent: boolean) => {
      const target = resolve(entry);
      const nested = kustomizationIn(target);
      if (nested === undefined) return false;
      if (stack.includes(nested.path)) {
        issue(
          file.path,
          where(...segments),
          `Kustomization cycle: ${[...stack, nested.path].join(' → ')}; not followed.`,
        );
        return true;
      }
      consumed.add(nested.path);
      objects = asComponent
        ? render(nested, [...stack, nested.path], objects)
        : [...objects, ...render(nested, [...stack, nested.path], [])];
      return true;
    };

    const resourceLists: [string, boolean][] = [
      ['resources', false],
      ['bases', false],
      ['components', true],
    ];
    for (const [key, asComponent] of resourceLists) {
      const list = k[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        issue(file.path, where(key), `"${key}" should be a list of paths.`);
        continue;
      }
      list.forEach((entry, index) => {
        if (typeof entry !== 'string') {
          issue(file.path, where(key, index), `"${key}" entries should be paths.`);
          return;
        }
        if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('github.com/') || entry.includes('?ref=')) {
          unsupported.push({ file: file.path, ...where(key, index), feature: `remote ${key} not fetched: ${entry}` });
          return;
        }
        if (includeDirectory(entry, [key, index], asComponent)) return;
        const resource = byPath.get(resolve(entry));
        if (resource === undefined) {
          issue(file.path, where(key, index), `Kustomize ${key} entry "${entry}" ${missing(entry)}`);
          return;
        }
        consumed.add(resource.path);
        for (const object of objectsOf(resource))
          objects.push({ body: cloneValue(object.body) as Record<string, unknown>, source: object.source });
      });
    }

    objects.push(...generate(k, at, file, where, issue));

    const patchDocuments = (entry: unknown, segments: PathSegment[]): { value: unknown; pointer: SourcePointer }[] => {
      if (typeof entry === 'string' && !entry.includes('\n') && !entry.trimStart().startsWith('{')) {
        const patchFile = byPath.get(resolve(entry));
        if (patchFile === undefined) {
          issue(file.path, where(...segments), `Patch file "${entry}" ${missing(entry)}`);
          return [];
        }
        consumed.add(patchFile.path);
        const parsed = stream(patchFile);
        for (const problem of parsed.issues) issue(patchFile.path, problem, problem.message);
        return parsed.documents.map((doc: YamlDocument) => ({
          value: doc.value,
          pointer: { file: patchFile.path, locator: doc.locator, path: [] },
        }));
      }
      if (typeof entry === 'string') return inlinePatch(entry, at(...segments), file);
      return [];
    };

    const applyPatch = (
      value: unknown,
      pointer: SourcePointer,
      target: Record<string, unknown> | undefined,
      segments: PathSegment[],
    ) => {
      if (Array.isArray(value)) {
        if (target === undefined) {
          issue(file.path, where(...segments), 'A JSON 6902 patch needs a target; not applied.');
          return;
        }
        objects = objects.map((object) =>
          matchesTarget(object.body, target)
            ? applyJsonPatch(object, value, pointer, (message) => issue(pointer.file, resolvePointer(pointer), message))
            : object,
        );
        return;
      }
      if (!isRecord(value)) return;
      const selector = target ?? { kind: value.kind, name: isRecord(value.metadata) ? value.metadata.name : undefined };
      let matched = false;
      objects = objects.map((object) => {
        if (!matchesTarget(object.body, selector)) return object;
        matched = true;
        return applyStrategicMerge(object, value, pointer, target !== undefined);
      });
      if (!matched)
        issue(file.path, where(...segments), 'This patch matches no resource of the kustomization; not applied.');
    };

    const strategic = k.patchesStrategicMerge;
    if (Array.isArray(strategic)) {
      strategic.forEach((entry, index) => {
        for (const doc of patchDocuments(entry, ['patchesStrategicMerge', index]))
          applyPatch(doc.value, doc.pointer, undefined, ['patchesStrategicMerge', index]);
      });
    }
    const json6902 = k.patchesJson6902;
    if (Array.isArray(json6902)) {
      json6902.forEach((entry, index) => {
        if (!isRecord(entry)) return;
        const source = entry.path ?? entry.patch;
        const key = entry.path !== undefined ? 'path' : 'patch';
        const target = isRecord(entry.target) ? entry.target : undefined;
        for (const doc of patchDocuments(source, ['patchesJson6902', index, key]))
          applyPatch(doc.value, doc.pointer, target, ['patchesJson6902', index]);
      });
    }
    const patches = k.patches;
    if (Array.isArray(patches)) {
      patches.forEach((entry, index) => {
        if (typeof entry === 'string') {
          for (const doc of patchDocuments(entry, ['patches', index]))
            applyPatch(doc.value, doc.pointer, undefined, ['patches', index]);
          return;
        }
        if (!isRecord(entry)) return;
        const key = entry.path !== undefined ? 'path' : 'patch';
        const target = isRecord(entry.target) ? entry.target : undefined;
        for (const doc of patchDocuments(entry[key], ['patches', index, key]))
          applyPatch(doc.value, doc.pointer, target, ['patches', index]);
      });
    }

    objects = transform(objects, k, at, issue, file.path);
    return objects;
  };

  // Roots are the kustomizations no other one includes; in a cycle with no way in, the first by path.
  const isComponent = (file: SourceFile) => {
    const document = stream(file).documents[0];
    return document !== undefined && isRecord(document.value) && document.value.kind === 'Component';
  };
  const directIncludes = new Map<string, string[]>();
  for (const file of kustomizations) {
    const document = stream(file).documents[0];
    const value = document !== undefined && isRecord(document.value) ? document.value : {};
    const directory = path.posix.dirname(file.path);
    const targets: string[] = [];
    for (const key of ['resources', 'bases', 'components']) {
      const list = value[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (typeof entry !== 'string') continue;
        const nested = kustomizationIn(path.posix.normalize(path.posix.join(directory, entry)));
        if (nested !== undefined) targets.push(nested.path);
      }
    }
    directIncludes.set(file.path, targets);
  }
  const includedSomewhere = new Set([...directIncludes.values()].flat());
  const candidates = kustomizations.filter((file) => !isComponent(file)).sort((a, b) => (a.path < b.path ? -1 : 1));
  const reached = new Set<string>();
  const reach = (start: string) => {
    const pending = [start];
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (reached.has(next)) continue;
      reached.add(next);
      pending.push(...(directIncludes.get(next) ?? []));
    }
  };
  const rootFiles = candidates.filter((file) => !includedSomewhere.has(file.path));
  for (const file of rootFiles) reach(file.path);
  for (const file of candidates) {
    if (reached.has(file.path)) continue;
    rootFiles.push(file);
    reach(file.path);
  }
  const roots = rootFiles.map((file) => ({ file, objects: render(file, [file.path], []) }));
  const names = roots.map((entry) => path.posix.basename(path.posix.dirname(entry.file.path)));
  const environments = roots.map((entry, index) => {
    const base = names[index] ?? '.';
    const clash = names.filter((name) => name === base).length > 1 || base === '.';
    const directory = path.posix.dirname(entry.file.path);
    return {
      name: clash ? directory : base,
      root: entry.file.path,
      objects: entry.objects.map((object) => toKubernetesObject(object)),
    };
  });
  return {
    environments,
    consumed,
    issues,
    unsupported,
    examined: kustomizations.map((file) => file.path),
  };
}

function toKubernetesObject(rendered: Rendered): KubernetesObject {
  const body = rendered.body;
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  return {
    apiVersion: typeof body.apiVersion === 'string' ? body.apiVersion : '',
    kind: typeof body.kind === 'string' ? body.kind : '',
    name: typeof metadata.name === 'string' ? metadata.name : '(unnamed)',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    body,
    source: rendered.source,
  };
}

/** A locator that answers from the origins recorded by a rendering step, else from the object before it. */
function overlay(previous: SourcePointer, origins: readonly Origin[]): SourcePointer {
  if (origins.length === 0) return previous;
  const locator: Locator = {
    locate(requested) {
      let best: Origin | undefined;
      for (const origin of origins) {
        if (origin.path.length > requested.length) continue;
        if (!origin.path.every((segment, index) => segment === requested[index])) continue;
        if (best === undefined || origin.path.length > best.path.length) best = origin;
      }
      const pointer = best === undefined ? previous : best.pointer;
      const rest = best === undefined ? requested : requested.slice(best.path.length);
      const position = pointer.locator.locate([...pointer.path, ...rest]);
      return { line: position.line, column: position.column, file: position.file ?? pointer.file };
    },
  };
  return { file: previous.file, locator, path: [] };
}

/** A patch target's name is a regular expression in Kustomize; one that does not compile matches only itself. */
function matchesName(pattern: string, name: string): boolean {
  try {
    return new RegExp(`^${pattern}$`).test(name);
  } catch {
    return pattern === name;
  }
}

function matchesTarget(body: Record<string, unknown>, target: Record<string, unknown>): boolean {
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  if (typeof target.kind === 'string' && target.kind !== body.kind) return false;
  if (typeof target.name === 'string' && !matchesName(target.name, String(metadata.name ?? ''))) return false;
  if (typeof target.namespace === 'string' && target.namespace !== (metadata.namespace ?? 'default')) return false;
  if (typeof target.labelSelector === 'string') {
    const labels = isRecord(metadata.labels) ? metadata.labels : {};
    for (const term of target.labelSelector.split(',')) {
      const [key, value] = term.split('=').map((part) => part.trim());
      if (key === undefined || key === '') continue;
      if (value === undefined ? labels[key] === undefined : labels[key] !== value) return false;
    }
  }
  return true;
}

function applyStrategicMerge(
  object: Rendered,
  patch: Record<string, unknown>,
  pointer: SourcePointer,
  targeted: boolean,
): Rendered {
  const origins: Origin[] = [];
  const patchBody = targeted ? withoutIdentity(patch) : patch;
  const body = mergeValue(object.body, patchBody, [], pointer, origins) as Record<string, unknown>;
  return { body, source: overlay(object.source, origins) };
}

function withoutIdentity(patch: Record<string, unknown>): Record<string, unknown> {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = patch;
  if (!isRecord(rest.metadata)) return rest;
  const { name: _name, ...metadata } = rest.metadata;
  return { ...rest, metadata };
}

function mergeValue(
  base: unknown,
  patch: unknown,
  path: readonly PathSegment[],
  pointer: SourcePointer,
  origins: Origin[],
): unknown {
  if (isRecord(base) && isRecord(patch)) {
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (key === '$patch' || key.startsWith('$setElementOrder')) continue;
      const childPath = [...path, key];
      const childPointer = pointerTo(pointer, key);
      if (value === null) {
        delete result[key];
        continue;
      }
      if (
        Array.isArray(value) &&
        Array.isArray(result[key]) &&
        MERGE_KEYS[key] !== undefined &&
        MERGE_KEYS[key] !== ''
      ) {
        result[key] = mergeList(
          result[key] as unknown[],
          value,
          MERGE_KEYS[key] as string,
          childPath,
          childPointer,
          origins,
        );
        continue;
      }
      if (isRecord(value) && isRecord(result[key])) {
        result[key] = mergeValue(result[key], value, childPath, childPointer, origins);
        continue;
      }
      result[key] = cloneValue(value);
      origins.push({ path: childPath, pointer: childPointer });
    }
    return result;
  }
  origins.push({ path, pointer });
  return cloneValue(patch);
}

function mergeList(
  base: readonly unknown[],
  patch: readonly unknown[],
  key: string,
  path: readonly PathSegment[],
  pointer: SourcePointer,
  origins: Origin[],
): unknown[] {
  const result = [...base];
  patch.forEach((item, patchIndex) => {
    const itemPointer = pointerTo(pointer, patchIndex);
    if (!isRecord(item)) return;
    const index = result.findIndex((candidate) => isRecord(candidate) && candidate[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index !== -1) result.splice(index, 1);
      return;
    }
    if (index === -1) {
      result.push(cloneValue(item));
      origins.push({ path: [...path, result.length - 1], pointer: itemPointer });
      return;
    }
    result[index] = mergeValue(result[index], item, [...path, index], itemPointer, origins);
  });
  return result;
}

function applyJsonPatch(
  object: Rendered,
  operations: readonly unknown[],
  pointer: SourcePointer,
  report: (message: string) => void,
): Rendered {
  const body = cloneValue(object.body);
  const origins: Origin[] = [];
  operations.forEach((operation, index) => {
    if (!isRecord(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      report(`JSON 6902 operation ${index + 1} needs "op" and "path"; skipped.`);
      return;
    }
    const segments = operation.path
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    let parent: unknown = body;
    const resolved: PathSegment[] = [];
    for (const segment of segments.slice(0, -1)) {
      const next: unknown = Array.isArray(parent)
        ? parent[Number(segment)]
        : isRecord(parent)
          ? parent[segment]
          : undefined;
      resolved.push(Array.isArray(parent) ? Number(segment) : segment);
      parent = next;
    }
    const last = segments[segments.length - 1] ?? '';
    if (!isRecord(parent) && !Array.isArray(parent)) {
      report(`JSON 6902 operation ${index + 1}: path ${operation.path} does not exist; skipped.`);
      return;
    }
    const lastSegment: PathSegment = Array.isArray(parent) ? (last === '-' ? parent.length : Number(last)) : last;
    const opPointer = pointerTo(pointer, index, 'value');
    switch (operation.op) {
      case 'add':
      case 'replace':
        if (Array.isArray(parent) && operation.op === 'add')
          parent.splice(Number(lastSegment), 0, cloneValue(operation.value));
        else (parent as Record<PathSegment, unknown>)[lastSegment] = cloneValue(operation.value);
        origins.push({ path: [...resolved, lastSegment], pointer: opPointer });
        break;
      case 'remove':
        if (Array.isArray(parent)) parent.splice(Number(lastSegment), 1);
        else delete (parent as Record<string, unknown>)[String(lastSegment)];
        break;
      case 'test':
        break;
      default:
        report(`JSON 6902 operation "${operation.op}" is not supported; skipped.`);
    }
  });
  return { body, source: overlay(object.source, origins) };
}

function inlinePatch(text: string, at: SourcePointer, file: SourceFile): { value: unknown; pointer: SourcePointer }[] {
  // The patch is a block scalar in the kustomization: its lines start one line below the key,
  // indented; positions inside it are shifted by that much.
  const keyPosition = resolvePointer(at);
  const lines = file.text.split(/\r?\n/);
  const firstContent = lines.slice(keyPosition.line).findIndex((line) => line.trim() !== '');
  const contentLine = keyPosition.line + (firstContent === -1 ? 0 : firstContent);
  const indent = (lines[contentLine] ?? '').length - (lines[contentLine] ?? '').trimStart().length;
  const parsed = parseYamlStream(text);
  return parsed.documents.map((doc) => ({
    value: doc.value,
    pointer: {
      file: file.path,
      locator: {
        locate(requested) {
          const position = doc.locator.locate(requested);
          return { line: position.line + contentLine, column: position.column + indent };
        },
      },
      path: [],
    },
  }));
}

function generate(
  k: Record<string, unknown>,
  at: (...segments: PathSegment[]) => SourcePointer,
  file: SourceFile,
  where: (...segments: PathSegment[]) => { line: number; column: number },
  issue: (file: RepoPath, at: { line: number; column: number }, message: string) => void,
): Rendered[] {
  const options = isRecord(k.generatorOptions) ? k.generatorOptions : {};
  const generated: Rendered[] = [];
  for (const [key, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    const list = k[key];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      if (!isRecord(entry) || typeof entry.name !== 'string') {
        issue(file.path, where(key, index), `A ${key} entry needs a name; skipped.`);
        return;
      }
      const entryOptions = isRecord(entry.options) ? entry.options : {};
      const noHash = entryOptions.disableNameSuffixHash === true || options.disableNameSuffixHash === true;
      // Keys only: generated values may be secrets and no rule needs them.
      const keys = [
        ...(Array.isArray(entry.literals) ? entry.literals : []).map((literal) => String(literal).split('=')[0] ?? ''),
        ...(Array.isArray(entry.files) ? entry.files : []).map((name) =>
          path.posix.basename(String(name).split('=')[0] ?? ''),
        ),
      ];
      const data = Object.fromEntries(keys.map((name) => [name, '']));
      const hash = createHash('sha256')
        .update(JSON.stringify({ kind, name: entry.name, keys }))
        .digest('hex')
        .slice(0, 10);
      const name = noHash ? entry.name : `${entry.name}-${hash}`;
      const pointer = at(key, index);
      generated.push({
        body: {
          apiVersion: 'v1',
          kind,
          metadata: { name, ...(typeof entry.namespace === 'string' ? { namespace: entry.namespace } : {}) },
          data,
          $generatedFrom: entry.name,
        },
        source: { file: pointer.file, locator: { locate: () => pointer.locator.locate(pointer.path) }, path: [] },
      });
    });
  }
  return generated;
}

const NAMESPACED_EXCEPTIONS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

const WORKLOAD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  Rollout: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function transform(
  objects: Rendered[],
  k: Record<string, unknown>,
  at: (...segments: PathSegment[]) => SourcePointer,
  issue: (file: RepoPath, at: { line: number; column: number }, message: string) => void,
  file: RepoPath,
): Rendered[] {
  const namespace = typeof k.namespace === 'string' ? k.namespace : undefined;
  const prefix = typeof k.namePrefix === 'string' ? k.namePrefix : '';
  const suffix = typeof k.nameSuffix === 'string' ? k.nameSuffix : '';
  const renames = new Map<string, string>();
  const generatedRenames = new Map<string, string>();
  for (const object of objects) {
    const metadata = isRecord(object.body.metadata) ? object.body.metadata : {};
    const name = String(metadata.name ?? '');
    const kind = String(object.body.kind ?? '');
    if (prefix !== '' || suffix !== '') renames.set(`${kind}/${name}`, `${prefix}${name}${suffix}`);
    if (typeof object.body.$generatedFrom === 'string')
      generatedRenames.set(`${kind}/${object.body.$generatedFrom}`, name);
  }

  return objects.map((object) => {
    const body = cloneValue(object.body);
    const origins: Origin[] = [];
    const kind = String(body.kind ?? '');
    const metadata = recordAt(body, 'metadata');

    if (namespace !== undefined && !NAMESPACED_EXCEPTIONS.has(kind)) {
      metadata.namespace = namespace;
      origins.push({ path: ['metadata', 'namespace'], pointer: at('namespace') });
    }
    const name = String(metadata.name ?? '');
    const renamed = renames.get(`${kind}/${name}`);
    // The renamed object still locates its name where it is written; the prefix only adds to it.
    if (renamed !== undefined && renamed !== name) metadata.name = renamed;
    fixReferences(body, kind, (refKind, refName) => {
      if (refKind === 'ConfigMap' || refKind === 'Secret') {
        const generated = generatedRenames.get(`${refKind}/${refName}`) ?? refName;
        return renames.get(`${refKind}/${generated}`) ?? generated;
      }
      return renames.get(`${refKind}/${refName}`) ?? refName;
    });

    const addMap = (
      key: 'labels' | 'annotations',
      values: Record<string, unknown>,
      sourceKey: string,
      selectors: boolean,
      templates: boolean,
    ) => {
      const target = recordAt(metadata, key);
      for (const [labelKey, value] of Object.entries(values)) {
        target[labelKey] = String(value);
        origins.push({ path: ['metadata', key, labelKey], pointer: at(sourceKey, labelKey) });
      }
      const templatePath = WORKLOAD_TEMPLATE_PATHS[kind];
      if (templates && templatePath !== undefined) {
        const template = getPath(body, templatePath);
        if (isRecord(template)) {
          const map = recordAt(recordAt(template, 'metadata'), key);
          for (const [labelKey, value] of Object.entries(values)) map[labelKey] = String(value);
        }
      }
      if (selectors && key === 'labels') {
        if (kind === 'Service' && isRecord(body.spec)) {
          const spec = body.spec as Record<string, unknown>;
          spec.selector = { ...(isRecord(spec.selector) ? spec.selector : {}), ...stringValues(values) };
        } else if (WORKLOAD_TEMPLATE_PATHS[kind] !== undefined && kind !== 'CronJob' && isRecord(body.spec)) {
          const spec = body.spec as Record<string, unknown>;
          const selector = recordAt(spec, 'selector');
          selector.matchLabels = {
            ...(isRecord(selector.matchLabels) ? selector.matchLabels : {}),
            ...stringValues(values),
          };
        }
      }
    };
    if (isRecord(k.commonLabels)) addMap('labels', k.commonLabels, 'commonLabels', true, true);
    if (Array.isArray(k.labels)) {
      k.labels.forEach((entry, index) => {
        if (!isRecord(entry) || !isRecord(entry.pairs)) return;
        const includeSelectors = entry.includeSelectors === true;
        addMap('labels', entry.pairs, 'labels', includeSelectors, includeSelectors || entry.includeTemplates === true);
        for (const labelKey of Object.keys(entry.pairs)) {
          origins.push({ path: ['metadata', 'labels', labelKey], pointer: at('labels', index, 'pairs', labelKey) });
        }
      });
    }
    if (isRecord(k.commonAnnotations)) addMap('annotations', k.commonAnnotations, 'commonAnnotations', false, true);

    if (Array.isArray(k.images)) {
      const templatePath = WORKLOAD_TEMPLATE_PATHS[kind] ?? (kind === 'Pod' ? [] : undefined);
      if (templatePath !== undefined) {
        const podSpecPath = kind === 'Pod' ? ['spec'] : [...templatePath, 'spec'];
        const podSpec = getPath(body, podSpecPath);
        if (isRecord(podSpec)) {
          for (const listKey of ['initContainers', 'containers'] as const) {
            const containers = podSpec[listKey];
            if (!Array.isArray(containers)) continue;
            containers.forEach((container, containerIndex) => {
              if (!isRecord(container) || typeof container.image !== 'string') return;
              (k.images as unknown[]).forEach((entry, imageIndex) => {
                if (!isRecord(entry) || typeof entry.name !== 'string') return;
                const updated = replaceImage(container.image as string, entry);
                if (updated === undefined) return;
                container.image = updated;
                const field =
                  entry.digest !== undefined
                    ? 'digest'
                    : entry.newTag !== undefined
                      ? 'newTag'
                      : entry.newName !== undefined
                        ? 'newName'
                        : 'name';
                origins.push({
                  path: [...podSpecPath, listKey, containerIndex, 'image'],
                  pointer: at('images', imageIndex, field),
                });
              });
            });
          }
        }
      }
    }

    if (Array.isArray(k.replicas)) {
      k.replicas.forEach((entry, index) => {
        if (!isRecord(entry) || typeof entry.name !== 'string') return;
        if (entry.name !== name && entry.name !== metadata.name) return;
        if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout'].includes(kind)) return;
        if (typeof entry.count !== 'number') {
          issue(file, resolvePointer(at('replicas', index)), 'A replicas entry needs a numeric count; skipped.');
          return;
        }
        const spec = recordAt(body, 'spec');
        spec.replicas = entry.count;
        origins.push({ path: ['spec', 'replicas'], pointer: at('replicas', index, 'count') });
      });
    }
    delete body.$generatedFrom;
    return { body, source: overlay(object.source, origins) };
  });
}

/** The mapping under `key`, created when absent. */
function recordAt(holder: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = holder[key];
  if (isRecord(value)) return value;
  const created: Record<string, unknown> = {};
  holder[key] = created;
  return created;
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}

function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** `images:` entry applied to an image reference; undefined when the entry names another image. */
function replaceImage(image: string, entry: Record<string, unknown>): string | undefined {
  const at = image.indexOf('@');
  const withoutDigest = at === -1 ? image : image.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const tag = colon === -1 ? undefined : withoutDigest.slice(colon + 1);
  if (name !== entry.name) return undefined;
  const newName = typeof entry.newName === 'string' ? entry.newName : name;
  if (typeof entry.digest === 'string') return `${newName}@${entry.digest}`;
  const newTag = typeof entry.newTag === 'string' || typeof entry.newTag === 'number' ? String(entry.newTag) : tag;
  return newTag === undefined ? newName : `${newName}:${newTag}`;
}

/** Rewrites the names an object refers to (ConfigMaps, Secrets, Services, ServiceAccounts, scale targets, roles). */
function fixReferences(
  body: Record<string, unknown>,
  kind: string,
  rename: (kind: string, name: string) => string,
): void {
  const renameField = (holder: unknown, key: string, refKind: string) => {
    if (isRecord(holder) && typeof holder[key] === 'string') holder[key] = rename(refKind, holder[key] as string);
  };
  const podSpecs: unknown[] = [];
  const templatePath = WORKLOAD_TEMPLATE_PATHS[kind];
  if (templatePath !== undefined) podSpecs.push(getPath(body, [...templatePath, 'spec']));
  if (kind === 'Pod') podSpecs.push(body.spec);
  for (const podSpec of podSpecs) {
    if (!isRecord(podSpec)) continue;
    renameField(podSpec, 'serviceAccountName', 'ServiceAccount');
    for (const volume of Array.isArray(podSpec.volumes) ? podSpec.volumes : []) {
      if (!isRecord(volume)) continue;
      renameField(volume.configMap, 'name', 'ConfigMap');
      renameField(volume.secret, 'secretName', 'Secret');
      renameField(volume.persistentVolumeClaim, 'claimName', 'PersistentVolumeClaim');
    }
    for (const listKey of ['containers', 'initContainers']) {
      for (const container of Array.isArray(podSpec[listKey]) ? (podSpec[listKey] as unknown[]) : []) {
        if (!isRecord(container)) continue;
        for (const source of Array.isArray(container.envFrom) ? container.envFrom : []) {
          if (!isRecord(source)) continue;
          renameField(source.configMapRef, 'name', 'ConfigMap');
          renameField(source.secretRef, 'name', 'Secret');
        }
        for (const variable of Array.isArray(container.env) ? container.env : []) {
          if (!isRecord(variable) || !isRecord(variable.valueFrom)) continue;
          renameField(variable.valueFrom.configMapKeyRef, 'name', 'ConfigMap');
          renameField(variable.valueFrom.secretKeyRef, 'name', 'Secret');
        }
      }
    }
  }
  const spec = isRecord(body.spec) ? body.spec : undefined;
  if (kind === 'StatefulSet') renameField(spec, 'serviceName', 'Service');
  if (kind === 'HorizontalPodAutoscaler' && spec !== undefined && isRecord(spec.scaleTargetRef)) {
    const target = spec.scaleTargetRef;
    if (typeof target.kind === 'string') renameField(target, 'name', target.kind);
  }
  if (kind === 'Ingress' && spec !== undefined) {
    const backends: unknown[] = [spec.defaultBackend];
    for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
      const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
      for (const entry of paths) if (isRecord(entry)) backends.push(entry.backend);
    }
    for (const backend of backends) if (isRecord(backend)) renameField(backend.service, 'name', 'Service');
  }
  if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && isRecord(body.roleRef)) {
    const roleRef = body.roleRef;
    if (typeof roleRef.kind === 'string') renameField(roleRef, 'name', roleRef.kind);
    for (const subject of Array.isArray(body.subjects) ? body.subjects : []) {
      if (isRecord(subject) && subject.kind === 'ServiceAccount') renameField(subject, 'name', 'ServiceAccount');
    }
  }
}
