/**
 * Environment names and run conditions as pipelines write them: which tier an environment name
 * means, which branch filters reach the default branch, and which job conditions keep a job off
 * pull requests. Heuristics over names and expressions; each says what it recognises.
 */

export const ENVIRONMENT_TIERS = ['production', 'staging', 'testing', 'development', 'review', 'other'] as const;
export type EnvironmentTier = (typeof ENVIRONMENT_TIERS)[number];

const TIER_WORDS: ReadonlyMap<string, EnvironmentTier> = new Map([
  ['production', 'production'],
  ['prod', 'production'],
  ['prd', 'production'],
  ['live', 'production'],
  ['staging', 'staging'],
  ['stage', 'staging'],
  ['stg', 'staging'],
  ['preprod', 'staging'],
  ['preproduction', 'staging'],
  ['uat', 'staging'],
  ['test', 'testing'],
  ['testing', 'testing'],
  ['qa', 'testing'],
  ['integration', 'testing'],
  ['int', 'testing'],
  ['sit', 'testing'],
  ['dev', 'development'],
  ['development', 'development'],
  ['sandbox', 'development'],
  ['review', 'review'],
  ['preview', 'review'],
  ['ephemeral', 'review'],
]);

/** The words of a name: `deploy_prod-EU` → `deploy`, `prod`, `eu`; `deployProduction` → `deploy`, `production`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.replace(/\d+$/, ''));
}

/**
 * The tier an environment name means, from its words (`prod-eu` → production, `pre-prod` →
 * staging, `review/$CI_COMMIT_REF_SLUG` → review). `other` for a literal name without a tier
 * word; undefined for a name built only from expressions, whose value is not in the file.
 */
export function environmentTier(name: string): EnvironmentTier | undefined {
  const literal = name.replace(/\$\{\{.*?\}\}|\$\(.*?\)|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ' ');
  const found = tierWord(literal);
  if (found !== undefined) return found;
  return words(literal).length === 0 ? undefined : 'other';
}

/** The first tier word in a text, or undefined; `pre-prod` is staging and `non-prod` is not production. */
export function tierWord(text: string): EnvironmentTier | undefined {
  const list = words(text);
  for (let index = 0; index < list.length; index += 1) {
    const word = list[index] ?? '';
    const next = list[index + 1] ?? '';
    if ((word === 'pre' && (next === 'prod' || next === 'production')) || word === 'preprod') return 'staging';
    if ((word === 'non' && (next === 'prod' || next === 'production')) || word === 'nonprod') return 'development';
    const tier = TIER_WORDS.get(word);
    if (tier !== undefined) return tier;
  }
  return undefined;
}

/** The literal names an expression may produce: `${{ cond && 'production' || 'staging' }}` → production, staging. */
export function literalsIn(expression: string): string[] {
  return [...expression.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '').filter((value) => value !== '');
}

/** Whether a branch filter (GitHub glob or Azure wildcard) matches a branch name. */
export function branchMatches(pattern: string, branch: string): boolean {
  const cleaned = pattern.replace(/^refs\/heads\//, '').trim();
  if (cleaned.startsWith('!')) return false;
  let expression = '';
  for (let index = 0; index < cleaned.length; index += 1) {
    const character = cleaned[index] ?? '';
    if (character === '*' && cleaned[index + 1] === '*') {
      expression += '.*';
      index += 1;
    } else if (character === '*') {
      expression += '[^/]*';
    } else if (character === '?') {
      expression += '.';
    } else {
      expression += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${expression}$`).test(branch);
}

export const DEFAULT_BRANCHES = ['main', 'master'] as const;

/** Whether branch filters reach the default branch (`main` or `master`). */
export function reachesDefaultBranch(branches: 'all' | readonly string[]): boolean {
  if (branches === 'all') return true;
  return DEFAULT_BRANCHES.some((branch) => branches.some((pattern) => branchMatches(pattern, branch)));
}

/**
 * Whether a job condition keeps the job off pull requests: it asks for a push, a tag, a
 * schedule, a manual run or the default branch. GitHub `if:`, Azure `condition:` and GitLab
 * `rules: if:` are read alike; a condition this does not recognise is taken to allow them.
 */
export function excludesPullRequests(condition: string | undefined): boolean {
  if (condition === undefined) return false;
  const text = condition.replace(/\s+/g, ' ');
  if (
    /pull_request|merge_request|PullRequest/.test(text) &&
    !/!=\s*'?(pull_request|PullRequest)|ne\([^)]*'PullRequest'\)/.test(text)
  ) {
    return false;
  }
  return (
    /github\.event_name\s*==\s*'(push|release|schedule|workflow_dispatch|workflow_run|repository_dispatch)'/.test(
      text,
    ) ||
    /github\.ref\s*==\s*'refs\/(heads|tags)\//.test(text) ||
    /startsWith\(\s*github\.ref\s*,\s*'refs\/tags\//.test(text) ||
    /github\.event_name\s*!=\s*'pull_request'/.test(text) ||
    /eq\(\s*variables\[?'?(Build\.SourceBranch|Build\.SourceBranchName|build\.sourceBranch)'?\]?\s*,/i.test(text) ||
    /ne\(\s*variables\[?'?Build\.Reason'?\]?\s*,\s*'PullRequest'\s*\)/i.test(text) ||
    /eq\(\s*variables\[?'?Build\.Reason'?\]?\s*,\s*'(IndividualCI|BatchedCI|Schedule|Manual)'\s*\)/i.test(text) ||
    /\$CI_COMMIT_(BRANCH|REF_NAME)\s*==/.test(text) ||
    /==\s*\$CI_DEFAULT_BRANCH/.test(text) ||
    /^\s*\$CI_COMMIT_TAG\s*$/.test(text) ||
    /\$CI_PIPELINE_SOURCE\s*==\s*["'](schedule|web|api|trigger|pipeline)["']/.test(text)
  );
}
