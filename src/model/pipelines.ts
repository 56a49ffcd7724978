import type { ParsedPipelineFile } from '../parse/pipelines.js';
import type { Reader } from './read.js';
import type { ObjectNode } from './types.js';

/** A CI/CD pipeline: a GitHub Actions workflow, an Azure Pipelines file or a GitLab CI file. */
export interface Pipeline extends ObjectNode {
  readonly kind: 'pipeline';
}

export function buildPipelines(_reader: Reader, _files: readonly ParsedPipelineFile[]): Pipeline[] {
  return [];
}
