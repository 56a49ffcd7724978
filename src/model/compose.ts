import type { ParsedComposeFile } from '../parse/compose.js';
import type { Reader } from './read.js';
import type { ObjectNode } from './types.js';

/** A service of a docker-compose file. */
export interface ComposeService extends ObjectNode {
  readonly kind: 'compose-service';
}

export function buildComposeServices(_reader: Reader, _files: readonly ParsedComposeFile[]): ComposeService[] {
  return [];
}
