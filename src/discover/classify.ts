import type { SourceKind } from '../core/source-kinds.js';

const YAML_EXTENSION = /\.ya?ml$/i;
const KUBERNETES_YAML = /^apiVersion\s*:/m;
const KIND_YAML = /^kind\s*:/m;
const KUBERNETES_JSON_API = /"apiVersion"\s*:/;
const KUBERNETES_JSON_KIND = /"kind"\s*:/;

/** Whether a file name is worth reading at all: cheap, by name only. */
export function isCandidateName(relativePath: string): boolean {
  const base = baseName(relativePath);
  return (
    YAML_EXTENSION.test(base) ||
    base.endsWith('.json') ||
    base.endsWith('.tf') ||
    base.endsWith('.tfvars') ||
    isDockerfileName(base)
  );
}

/**
 * Classifies a candidate file by its name, its place in the tree and, for plain YAML/JSON,
 * its content. `insideChart` is the chart root when the file sits under a Helm chart.
 */
export function classify(relativePath: string, text: string, insideChart: string | undefined): SourceKind {
  const base = baseName(relativePath);
  const lower = base.toLowerCase();
  if (isDockerfileName(base)) return 'dockerfile';
  if (lower.endsWith('.tf') || lower.endsWith('.tf.json')) return 'terraform';
  if (lower.endsWith('.tfvars') || lower.endsWith('.tfvars.json')) return 'terraform-variables';
  if (lower === 'kustomization.yaml' || lower === 'kustomization.yml' || base === 'Kustomization')
    return 'kustomization';
  if (insideChart !== undefined) {
    const inChart = relativePath.slice(insideChart.length).replace(/^\//, '');
    if (inChart === 'Chart.yaml') return 'helm-chart';
    if (inChart.startsWith('templates/')) return 'helm-template';
    if (/^values[^/]*\.ya?ml$/i.test(inChart)) return 'helm-values';
  }
  if (/^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(base)) return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(relativePath)) return 'github-actions';
  if (/^azure-pipelines[^/]*\.ya?ml$/i.test(base)) return 'azure-pipelines';
  if (lower === '.gitlab-ci.yml' || lower === '.gitlab-ci.yaml') return 'gitlab-ci';
  if (YAML_EXTENSION.test(base)) {
    return KUBERNETES_YAML.test(text) && KIND_YAML.test(text) ? 'kubernetes' : 'yaml';
  }
  if (lower.endsWith('.json')) {
    return KUBERNETES_JSON_API.test(text) && KUBERNETES_JSON_KIND.test(text) ? 'kubernetes' : 'json';
  }
  return 'yaml';
}

function isDockerfileName(base: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(base) || /\.(Dockerfile|dockerfile)$/.test(base);
}

function baseName(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash === -1 ? relativePath : relativePath.slice(slash + 1);
}
