/** Source locations: every model node and every finding points back into the repository. */

declare const repoPathBrand: unique symbol;

/**
 * A repository-relative path with `/` separators. Only `discover` makes them, so no absolute
 * path of the scanning machine can reach a report.
 */
export type RepoPath = string & { readonly [repoPathBrand]: true };

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SourceLocation extends Position {
  readonly file: RepoPath;
}

export type PathSegment = string | number;

/** A position that may lie in another file than the pointer's (a Kustomize patch, say). */
export interface LocatedPosition extends Position {
  readonly file?: RepoPath;
}

/**
 * Resolves a key path inside one parsed document to the position of that key. When the path
 * does not exist (a missing field), it resolves to the deepest part of the path that does. A
 * rendered document (a Kustomize overlay) may answer with the file that produced the value.
 */
export interface Locator {
  locate(path: readonly PathSegment[]): LocatedPosition;
}

/** A cheap handle on a place in a document; resolved to a line only when a finding needs it. */
export interface SourcePointer {
  readonly file: RepoPath;
  readonly locator: Locator;
  readonly path: readonly PathSegment[];
}

/** A pointer to a child of `pointer`. */
export function pointerTo(pointer: SourcePointer, ...segments: readonly PathSegment[]): SourcePointer {
  return { file: pointer.file, locator: pointer.locator, path: [...pointer.path, ...segments] };
}

export function resolvePointer(pointer: SourcePointer): SourceLocation {
  const position = pointer.locator.locate(pointer.path);
  return { file: position.file ?? pointer.file, line: position.line, column: position.column };
}

/** A problem in a user's file: reported, counted in coverage, never fatal. */
export interface ParseIssue {
  readonly file: RepoPath;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}
