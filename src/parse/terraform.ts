import type { SourceFile } from '../discover/discover.js';
import type { ParsedPart } from './parsed-part.js';

/** A loaded HCL grammar; loading is asynchronous and done by the CLI, parsing is synchronous. */
export interface HclParser {
  readonly kind: 'hcl';
}

/** Terraform files parsed into blocks with located attributes. */
export interface ParsedTerraform {
  readonly files: readonly never[];
}

export function parseTerraform(
  _files: readonly SourceFile[],
  _hcl: HclParser | undefined,
): ParsedPart<ParsedTerraform> {
  return { parsed: { files: [] }, issues: [], examined: [] };
}
