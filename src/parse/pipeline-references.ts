/** How pipeline files name other files (templates, includes): pure path arithmetic, no parser. */

/**
 * The repository path of an Azure template reference: relative to the including file, or to
 * the root when it starts with `/`. Undefined for templates in other repositories (`x.yml@repo`)
 * and paths built from expressions.
 */
export function resolveAzureTemplate(from: string, reference: string): string | undefined {
  const joined = joinAzureTemplate(from, reference);
  return joined === undefined ? undefined : normalisePath(joined);
}

/** Whether an Azure template reference climbs above the repository root (`../../x.yml`): never followed. */
export function azureTemplateEscapes(from: string, reference: string): boolean {
  const joined = joinAzureTemplate(from, reference);
  return joined !== undefined && climbsAboveRoot(joined);
}

function joinAzureTemplate(from: string, reference: string): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.includes('@') || trimmed.includes('${{') || trimmed.includes('$(')) return undefined;
  const base = trimmed.startsWith('/') ? '' : from.slice(0, from.lastIndexOf('/') + 1);
  return `${base}${trimmed.replace(/^\/+/, '')}`;
}

/**
 * The repository path of a GitLab `include: local:` file, which is relative to the repository
 * root (`repositoryRoot`, with a trailing slash, or ''); undefined for globs and variables.
 */
export function resolveGitLabLocal(repositoryRoot: string, reference: string): string | undefined {
  const joined = joinGitLabLocal(repositoryRoot, reference);
  return joined === undefined ? undefined : normalisePath(joined);
}

/** Whether a GitLab `include: local:` path climbs above the scanned root: never followed. */
export function gitLabLocalEscapes(repositoryRoot: string, reference: string): boolean {
  const joined = joinGitLabLocal(repositoryRoot, reference);
  return joined !== undefined && climbsAboveRoot(joined);
}

function joinGitLabLocal(repositoryRoot: string, reference: string): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.includes('*') || trimmed.includes('$')) return undefined;
  return `${repositoryRoot}${trimmed.replace(/^\/+/, '')}`;
}

function climbsAboveRoot(path: string): boolean {
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '..') depth -= 1;
    else if (part !== '' && part !== '.') depth += 1;
    if (depth < 0) return true;
  }
  return false;
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
