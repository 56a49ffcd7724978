import type { RepoPath } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { decodeExpressions, encodeExpressions } from './hcl-syntax.js';
import { type HclFileResult, type HclParser, parseHclFile } from './terraform.js';
import { locateStream, parseYamlStream, readYamlStream, type YamlStream, type YamlStreamData } from './yaml-stream.js';

/**
 * What parsing one file gives, before any file is related to another: plain data with no
 * functions, so that it can be made on a worker thread and kept in the cache. Parsing the same
 * text always gives the same FileParse.
 */
export type FileParse =
  | { readonly format: 'yaml'; readonly yaml: YamlStreamData }
  | { readonly format: 'hcl'; readonly hcl: HclFileResult };

/**
 * A FileParse ready for structured cloning (a worker message, the cache): HCL expressions carry
 * a symbol, which cloning drops, so they are encoded; `restored` undoes it.
 */
export function transferable(parse: FileParse): FileParse {
  return parse.format === 'hcl' ? { format: 'hcl', hcl: encodeExpressions(parse.hcl) } : parse;
}

export function restored(parse: FileParse): FileParse {
  return parse.format === 'hcl' ? { format: 'hcl', hcl: decodeExpressions(parse.hcl) } : parse;
}

/** Files parsed ahead of the parse stage, by path; the parse stage parses any file missing here. */
export type Preparsed = ReadonlyMap<RepoPath, FileParse>;

const YAML_KINDS: ReadonlySet<string> = new Set([
  'kubernetes',
  'kustomization',
  'compose',
  'github-actions',
  'azure-pipelines',
  'gitlab-ci',
]);

/** The syntax a file of this kind is parsed with, when it is parsed file by file; undefined for the others. */
export function fileFormat(file: Pick<SourceFile, 'kind' | 'path'>): FileParse['format'] | undefined {
  if (YAML_KINDS.has(file.kind)) return 'yaml';
  if ((file.kind === 'terraform' || file.kind === 'terraform-variables') && !file.path.toLowerCase().endsWith('.json'))
    return 'hcl';
  return undefined;
}

/** Parses one file on its own; undefined when its kind is not parsed file by file (or HCL without the grammar). */
export function parseFile(
  file: Pick<SourceFile, 'kind' | 'path' | 'text'>,
  hcl: HclParser | undefined,
): FileParse | undefined {
  switch (fileFormat(file)) {
    case 'yaml':
      return { format: 'yaml', yaml: readYamlStream(file.text) };
    case 'hcl':
      return hcl === undefined ? undefined : { format: 'hcl', hcl: parseHclFile(hcl, file.text) };
    default:
      return undefined;
  }
}

/** How the parse stage gets a file's YAML: from the files parsed ahead, else parsed now. */
export type YamlSource = (file: SourceFile) => YamlStream;

export function yamlSource(preparsed: Preparsed | undefined): YamlSource {
  return (file) => {
    const ahead = preparsed?.get(file.path);
    return ahead?.format === 'yaml' ? locateStream(ahead.yaml) : parseYamlStream(file.text);
  };
}

/** Parses a YAML file now; the default source. */
export const parseYamlNow: YamlSource = (file) => parseYamlStream(file.text);
