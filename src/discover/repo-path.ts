import path from 'node:path';
import type { RepoPath } from '../core/source.js';

/**
 * Makes a RepoPath from a path relative to the scan root. The only place that creates them.
 * Throws on a path that escapes the root: that is a bug in the walker, not bad input.
 */
export function toRepoPath(relativePath: string): RepoPath {
  const posix = relativePath.split(path.sep).join('/');
  const normal = path.posix.normalize(posix === '' ? '.' : posix);
  if (normal.startsWith('../') || normal === '..' || path.posix.isAbsolute(normal)) {
    throw new Error(`Path escapes the scan root: ${relativePath}`);
  }
  return normal as RepoPath;
}
