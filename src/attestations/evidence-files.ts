import type { RepoPath } from '../core/source.js';
import type { SystemModel } from '../model/types.js';

/** A repository path cut into lower-case segments: the directories and the file name. */
export interface PathParts {
  readonly path: RepoPath;
  /** Lower-case directory names from the root, without the file name. */
  readonly directories: readonly string[];
  /** Lower-case file name. */
  readonly name: string;
}

export function splitPath(path: RepoPath): PathParts {
  const segments = path.toLowerCase().split('/');
  return { path, directories: segments.slice(0, -1), name: segments.at(-1) ?? '' };
}

/** A convention for evidence files: when a path matches, what it shows, in words. */
export interface EvidenceConvention {
  readonly matches: (parts: PathParts) => boolean;
  readonly description: string;
}

/**
 * The first file of the model's inventory (sorted, so the answer is deterministic) that matches
 * any of the conventions, with the description of the first convention it matches.
 */
export function findEvidenceFile(
  model: SystemModel,
  conventions: readonly EvidenceConvention[],
): { readonly file: RepoPath; readonly description: string } | undefined {
  for (const path of model.inventory) {
    const parts = splitPath(path);
    const convention = conventions.find((candidate) => candidate.matches(parts));
    if (convention !== undefined) return { file: path, description: convention.description };
  }
  return undefined;
}

/** The file sits, at any depth, under a directory with one of these names. */
export function underDirectory(parts: PathParts, names: RegExp): boolean {
  return parts.directories.some((directory) => names.test(directory));
}

/** The file is Markdown (or reStructuredText, AsciiDoc or plain text: prose documents). */
export function isDocument(parts: PathParts): boolean {
  return /\.(md|markdown|mdx|rst|adoc|txt)$/.test(parts.name);
}

/** The file is YAML. */
export function isYaml(parts: PathParts): boolean {
  return /\.ya?ml$/.test(parts.name);
}

/** The file is a README or a template: it describes a practice, it does not show one. */
export function isReadmeOrTemplate(parts: PathParts): boolean {
  return parts.name.startsWith('readme') || parts.name.includes('template');
}
