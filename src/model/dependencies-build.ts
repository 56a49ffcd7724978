import type { Dependency, UserPath } from './dependencies.js';
import type { SystemModel } from './types.js';

/** The part of the model the graph is built from: everything but the graph itself. */
export type LinkedModel = Omit<SystemModel, 'dependencies' | 'userPaths' | 'dependenciesOf'>;

/**
 * Builds the dependency graph and the user-facing paths from the linked model.
 */
export function buildDependencies(_model: LinkedModel): {
  readonly dependencies: readonly Dependency[];
  readonly userPaths: readonly UserPath[];
} {
  return { dependencies: [], userPaths: [] };
}
