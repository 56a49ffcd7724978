import type { ParseIssue, RepoPath, SourcePointer } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { parseYamlNow, type YamlSource } from './file-parse.js';
import { gitLabIncludes, isRecord, resolveAzureTemplate, resolveGitLabLocal } from './pipeline-references.js';

export { type GitLabInclude, gitLabIncludes, resolveAzureTemplate, resolveGitLabLocal } from './pipeline-references.js';

import type { ParsedPart } from './parsed-part.js';

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
export function parsePipelines(
  files: readonly SourceFile[],
  yamlOf: YamlSource = parseYamlNow,
): ParsedPart<readonly ParsedPipelineFile[]> {
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
    const document = parseDocument(file, issues, yamlOf);
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
  yamlOf: YamlSource,
): { body: Readonly<Record<string, unknown>>; source: SourcePointer } | undefined {
  const stream = yamlOf(file);
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
function collectAzureTemplates(
  value: unknown,
  visit: (reference: string) => void,
  // A YAML alias inside its own anchor (`- &a [*a]`) makes the document cyclic: each node once.
  seen: Set<object> = new Set(),
): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) collectAzureTemplates(item, visit, seen);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'template' && typeof child === 'string') visit(child);
    else collectAzureTemplates(child, visit, seen);
  }
}
