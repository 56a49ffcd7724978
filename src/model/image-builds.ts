import type { ParsedDockerfile } from '../parse/dockerfile.js';
import type { Reader } from './read.js';
import type { ObjectNode } from './types.js';

/** An image built from a Dockerfile in the repository. */
export interface ImageBuild extends ObjectNode {
  readonly kind: 'image-build';
}

export function buildImageBuilds(_reader: Reader, _dockerfiles: readonly ParsedDockerfile[]): ImageBuild[] {
  return [];
}
