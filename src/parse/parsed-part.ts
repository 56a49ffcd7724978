import type { ParseIssue, RepoPath } from '../core/source.js';

/** What one parser made of the files of its kind. */
export interface ParsedPart<T> {
  readonly parsed: T;
  readonly issues: readonly ParseIssue[];
  /** Files whose contents were examined. */
  readonly examined: readonly RepoPath[];
}
