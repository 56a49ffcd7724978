import type { ParseIssue, RepoPath, SourcePointer } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import type { ParsedPart } from './parsed-part.js';
import { parseYamlStream } from './yaml-stream.js';

export const PIPELINE_SYSTEMS = ['github-actions', 'azure-pipelines', 'gitlab-ci'] as const;
export type PipelineSystem = (typeof PIPELINE_SYSTEMS)[number];

/**
 * One CI/CD file as written: a pipeline (a GitHub Actions workflow, an Azure Pipelines file, a
 * `.gitlab-ci.yml`), or a local file a pipeline includes (an Azure template, a GitLab
 * `include: local:` file). Values are read, with their types checked, by the model.
 */
export interface ParsedPipelineFile {
  readonly path: RepoPath;
  readonly system: PipelineSystem;
  /** `template`: included by a pipeline, not run on its own. */
  readonly role: 'pipeline' | 'template';
  readonly body: Readonly<Record<string, unknown>>;
  /** The document's root. */
  readonly source: SourcePointer;
  /**
   * The directory the pipeline's repository-relative paths start from: where `.gitlab-ci.yml`
   * or `.github/` sits ('' at the scan root). Lets a scan of a parent directory resolve them.
   */
  readonly repositoryRoot: string;
}

const KIND_SYSTEM: Readonly<Record<string, PipelineSystem>> = {
  'github-actions': 'github-actions',
  'azure-pipelines': 'azure-pipelines',
  'gitlab-ci': 'gitlab-ci',
};

/** How deep templates may include templates before the parser stops following them. */
const MAX_INCLUDE_DEPTH = 10;

/**
 * Parses the pipeline files, and the local files they include as templates, into located
 * documents. Pure: a malformed file becomes a ParseIssue with its line and the others go on.
 */
export function parsePipelines(files: readonly SourceFile[]): ParsedPart<readonly ParsedPipelineFile[]> {
  const byPath = new Map(files.map((file) => [file.path as string, file]));
  const parsed: ParsedPipelineFile[] = [];
  const issues: ParseIssue[] = [];
  const examined: RepoPath[] = [];
  const done = new Set<string>();

  const parseOne = (
    file: SourceFile,
    system: PipelineSystem,
    role: ParsedPipelineFile['role'],
    repositoryRoot: string,
    depth: number,
  ) => {
    if (done.has(file.path)) return;
    done.add(file.path);
    examined.push(file.path);
    const document = parseDocument(file, issues);
    if (document === undefined) return;
    const entry: ParsedPipelineFile = {
      path: file.path,
      system,
      role,
      body: document.body,
      source: document.source,
      repositoryRoot,
    };
    parsed.push(entry);
    if (depth >= MAX_INCLUDE_DEPTH) return;
    for (const reference of localReferences(entry)) {
      const included = byPath.get(reference);
      if (included !== undefined && !KIND_SYSTEM[included.kind]) {
        parseOne(included, system, 'template', repositoryRoot, depth + 1);
      }
    }
  };

  for (const file of files) {
    const system = KIND_SYSTEM[file.kind];
    if (system !== undefined) parseOne(file, system, 'pipeline', repositoryRootOf(file.path, system), 0);
  }
  return { parsed, issues, examined };
}

/** Where the repository of a pipeline file starts: the directory of `.gitlab-ci.yml`, or the one holding `.github/`. */
function repositoryRootOf(path: string, system: PipelineSystem): string {
  if (system === 'github-actions') {
    const index = path.lastIndexOf('.github/workflows/');
    return index <= 0 ? '' : path.slice(0, index);
  }
  return system === 'gitlab-ci' ? path.slice(0, path.lastIndexOf('/') + 1) : '';
}

function parseDocument(
  file: SourceFile,
  issues: ParseIssue[],
): { body: Readonly<Record<string, unknown>>; source: SourcePointer } | undefined {
  const stream = parseYamlStream(file.text);
  for (const issue of stream.issues) issues.push({ file: file.path, ...issue });
  // A GitLab file may open with a `spec:` header document (CI/CD inputs); the jobs follow it.
  const documents = stream.documents.filter((document, index) => {
    const value = document.value;
    return !(index === 0 && stream.documents.length > 1 && isRecord(value) && Object.keys(value).join() === 'spec');
  });
  const first = documents[0];
  if (first === undefined) return undefined;
  const source: SourcePointer = { file: file.path, locator: first.locator, path: [] };
  if (!isRecord(first.value)) {
    const at = first.locator.locate([]);
    issues.push({ file: file.path, ...at, message: 'A pipeline file should be a mapping of keys; file skipped.' });
    return undefined;
  }
  for (const extra of documents.slice(1)) {
    const at = extra.locator.locate([]);
    issues.push({
      file: file.path,
      ...at,
      message: 'A pipeline file holds one YAML document; this one was ignored.',
    });
  }
  return { body: first.value, source };
}

/** Repository paths of the local files a pipeline or template includes. */
function localReferences(file: ParsedPipelineFile): readonly string[] {
  const found: string[] = [];
  if (file.system === 'azure-pipelines') {
    collectAzureTemplates(file.body, (reference) => {
      const resolved = resolveAzureTemplate(file.path, reference);
      if (resolved !== undefined) found.push(resolved);
    });
  } else if (file.system === 'gitlab-ci') {
    for (const include of gitLabIncludes(file.body.include)) {
      if (include.type === 'local') {
        const resolved = resolveGitLabLocal(file.repositoryRoot, include.path);
        if (resolved !== undefined) found.push(resolved);
      }
    }
  }
  return found;
}

/** Calls `visit` with every `template:` path in an Azure Pipelines document (stages, jobs, steps, extends, variables). */
function collectAzureTemplates(value: unknown, visit: (reference: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) collectAzureTemplates(item, visit);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'template' && typeof child === 'string') visit(child);
    else collectAzureTemplates(child, visit);
  }
}

/**
 * The repository path of an Azure template reference: relative to the including file, or to
 * the root when it starts with `/`. Undefined for templates in other repositories (`x.yml@repo`)
 * and paths built from expressions.
 */
export function resolveAzureTemplate(from: string, reference: string): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.includes('@') || trimmed.includes('${{') || trimmed.includes('$(')) return undefined;
  const base = trimmed.startsWith('/') ? '' : from.slice(0, from.lastIndexOf('/') + 1);
  return normalisePath(`${base}${trimmed.replace(/^\/+/, '')}`);
}

/**
 * The repository path of a GitLab `include: local:` file, which is relative to the repository
 * root (`repositoryRoot`, with a trailing slash, or ''); undefined for globs and variables.
 */
export function resolveGitLabLocal(repositoryRoot: string, reference: string): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.includes('*') || trimmed.includes('$')) return undefined;
  return normalisePath(`${repositoryRoot}${trimmed.replace(/^\/+/, '')}`);
}

export interface GitLabInclude {
  readonly type: 'local' | 'remote' | 'template' | 'project' | 'component';
  /** The local path, URL, template name, project file or component address. */
  readonly path: string;
  /** Index in the `include` list; undefined when `include` is a single entry. */
  readonly index: number | undefined;
  /** The key that names the file (`local`, `remote`…), undefined for the string form. */
  readonly key: string | undefined;
}

/** The entries of a GitLab `include:` in their forms: a string, a mapping, or a list of either. */
export function gitLabIncludes(value: unknown): readonly GitLabInclude[] {
  const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const single = !Array.isArray(value);
  return entries.flatMap((entry, position): GitLabInclude[] => {
    const index = single ? undefined : position;
    if (typeof entry === 'string') {
      const remote = /^https?:\/\//.test(entry);
      return [{ type: remote ? 'remote' : 'local', path: entry, index, key: undefined }];
    }
    if (!isRecord(entry)) return [];
    for (const key of ['local', 'remote', 'template', 'component'] as const) {
      const path = entry[key];
      if (typeof path === 'string') return [{ type: key, path, index, key }];
    }
    const projectFile = entry.file;
    if (typeof entry.project === 'string') {
      const paths = Array.isArray(projectFile) ? projectFile : [projectFile];
      return paths
        .filter((path): path is string => typeof path === 'string')
        .map((path) => ({ type: 'project' as const, path: `${entry.project}:${path}`, index, key: 'file' }));
    }
    return [];
  });
}

function normalisePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
