import type { ParseIssue, RepoPath } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { type ParsedComposeFile, parseComposeFiles } from './compose.js';
import { type ParsedDockerfile, parseDockerfiles } from './dockerfile.js';
import { type Preparsed, yamlSource } from './file-parse.js';
import { type KubernetesObject, parseKubernetesFile } from './kubernetes.js';
import { renderKustomizations, type UnsupportedFeature } from './kustomize.js';
import { type ParsedPipelineFile, parsePipelines } from './pipelines.js';
import { findSuppressionComments, type SuppressionComment } from './suppression-comments.js';
import { type HclParser, type ParsedTerraform, parseTerraform } from './terraform.js';

export interface FileSuppressionComment extends SuppressionComment {
  readonly file: RepoPath;
}

/** A chart rendered by `helm template` with one values file. */
export interface RenderedChart {
  readonly chart: string;
  /** From `values-<environment>.yaml`; undefined for the chart's default values (every environment). */
  readonly environment: string | undefined;
  readonly file: SourceFile;
}

export interface ChartCoverage {
  readonly chart: string;
  readonly rendered: boolean;
  readonly reason?: string;
  readonly values: readonly string[];
}

/** An environment of the system: a Kustomize overlay or a Helm values file. */
export interface ParsedEnvironment {
  readonly name: string;
  readonly source: 'kustomize' | 'helm';
  readonly root: RepoPath;
  readonly objects: readonly KubernetesObject[];
}

export interface ParseOptions {
  /** The HCL grammar, loaded by the CLI; without it Terraform files are counted but not examined. */
  readonly hcl?: HclParser;
  /** Charts rendered by the CLI with `helm template`. */
  readonly charts?: readonly RenderedChart[];
  /** Files already parsed (on worker threads, or from the cache); the others are parsed here. */
  readonly preparsed?: Preparsed;
}

/** Everything the parsers made of the discovered files. */
export interface ParsedSources {
  /** Kubernetes objects of files that no kustomization includes: part of every environment. */
  readonly kubernetes: readonly KubernetesObject[];
  /** Kustomize overlays and Helm values files rendered: one environment each. */
  readonly environments: readonly ParsedEnvironment[];
  /** Kustomize features not rendered, for coverage. */
  readonly unsupported: readonly UnsupportedFeature[];
  readonly terraform: ParsedTerraform;
  readonly dockerfiles: readonly ParsedDockerfile[];
  readonly compose: readonly ParsedComposeFile[];
  readonly pipelines: readonly ParsedPipelineFile[];
  readonly issues: readonly ParseIssue[];
  readonly suppressionComments: readonly FileSuppressionComment[];
  /** Files whose contents were examined. */
  readonly examinedFiles: number;
  /** The paths of those files. */
  readonly examined: ReadonlySet<RepoPath>;
  /** Documents in Kubernetes files that were not Kubernetes objects. */
  readonly otherDocuments: number;
}

/** Kinds whose `#` comments may carry `# prodready-ignore` suppressions. */
const COMMENT_KINDS: ReadonlySet<string> = new Set([
  'kubernetes',
  'kustomization',
  'compose',
  'terraform',
  'terraform-variables',
  'dockerfile',
  'github-actions',
  'azure-pipelines',
  'gitlab-ci',
]);

/** Parses every file of a kind the model examines. Pure: text in, documents and issues out. */
export function parseSources(files: readonly SourceFile[], options: ParseOptions = {}): ParsedSources {
  const kubernetes: KubernetesObject[] = [];
  const issues: ParseIssue[] = [];
  const suppressionComments: FileSuppressionComment[] = [];
  const examined = new Set<RepoPath>();
  const yamlOf = yamlSource(options.preparsed);
  const kustomize = renderKustomizations(files, yamlOf);
  issues.push(...kustomize.issues);
  for (const path of kustomize.examined) examined.add(path);
  for (const path of kustomize.consumed) examined.add(path);
  let otherDocuments = 0;
  for (const file of files) {
    if (COMMENT_KINDS.has(file.kind)) {
      const yaml = file.kind !== 'terraform' && file.kind !== 'terraform-variables' && file.kind !== 'dockerfile';
      for (const comment of findSuppressionComments(file.text, yaml))
        suppressionComments.push({ file: file.path, ...comment });
    }
    if (file.kind !== 'kubernetes' || kustomize.consumed.has(file.path)) continue;
    examined.add(file.path);
    const parsed = parseKubernetesFile(file, yamlOf);
    kubernetes.push(...parsed.objects);
    issues.push(...parsed.issues);
    otherDocuments += parsed.otherDocuments;
  }
  const terraform = parseTerraform(files, options.hcl, options.preparsed);
  const dockerfiles = parseDockerfiles(files);
  const compose = parseComposeFiles(files, yamlOf);
  const pipelines = parsePipelines(files, yamlOf);
  for (const part of [terraform, dockerfiles, compose, pipelines]) {
    issues.push(...part.issues);
    for (const path of part.examined) examined.add(path);
  }
  const environments: ParsedEnvironment[] = kustomize.environments.map((environment) => ({
    ...environment,
    source: 'kustomize',
  }));
  for (const chart of options.charts ?? []) {
    const parsed = parseKubernetesFile(chart.file);
    issues.push(...parsed.issues);
    if (chart.environment === undefined) {
      kubernetes.push(...parsed.objects);
      continue;
    }
    environments.push({ name: chart.environment, source: 'helm', root: chart.file.path, objects: parsed.objects });
  }
  return {
    kubernetes,
    environments,
    unsupported: kustomize.unsupported,
    terraform: terraform.parsed,
    dockerfiles: dockerfiles.parsed,
    compose: compose.parsed,
    pipelines: pipelines.parsed,
    issues,
    suppressionComments,
    examinedFiles: examined.size,
    examined,
    otherDocuments,
  };
}
