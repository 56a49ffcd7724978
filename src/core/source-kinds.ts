/** The kinds of repository file that discover recognises. */
export const SOURCE_KINDS = [
  'kubernetes',
  'kustomization',
  'helm-chart',
  'helm-values',
  'helm-template',
  'compose',
  'terraform',
  'terraform-variables',
  'dockerfile',
  'github-actions',
  'azure-pipelines',
  'gitlab-ci',
  'yaml',
  'json',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
