import type { ParseIssue, RepoPath } from '../core/source.js';
import { EXAMINED_SOURCE_KINDS } from '../core/source-kinds.js';
import type { SourceFile } from '../discover/discover.js';
import { type KubernetesObject, parseKubernetesFile } from './kubernetes.js';
import { findSuppressionComments, type SuppressionComment } from './suppression-comments.js';

export interface FileSuppressionComment extends SuppressionComment {
  readonly file: RepoPath;
}

/** Everything the parsers made of the discovered files. */
export interface ParsedSources {
  readonly kubernetes: readonly KubernetesObject[];
  readonly issues: readonly ParseIssue[];
  readonly suppressionComments: readonly FileSuppressionComment[];
  /** Files whose contents were examined. */
  readonly examinedFiles: number;
  /** Documents in Kubernetes files that were not Kubernetes objects. */
  readonly otherDocuments: number;
}

/** Parses every file of a kind the model examines. Pure: text in, documents and issues out. */
export function parseSources(files: readonly SourceFile[]): ParsedSources {
  const kubernetes: KubernetesObject[] = [];
  const issues: ParseIssue[] = [];
  const suppressionComments: FileSuppressionComment[] = [];
  let examinedFiles = 0;
  let otherDocuments = 0;
  for (const file of files) {
    if (!EXAMINED_SOURCE_KINDS.includes(file.kind)) continue;
    examinedFiles += 1;
    for (const comment of findSuppressionComments(file.text)) suppressionComments.push({ file: file.path, ...comment });
    const parsed = parseKubernetesFile(file);
    kubernetes.push(...parsed.objects);
    issues.push(...parsed.issues);
    otherDocuments += parsed.otherDocuments;
  }
  return { kubernetes, issues, suppressionComments, examinedFiles, otherDocuments };
}
