import ignore from 'ignore';
import type { ConfigLocations } from '../config/parse.js';
import type { IgnoreEntry } from '../config/schema.js';
import { resolvePointer, type SourceLocation } from '../core/source.js';
import type { ModelNode } from '../model/types.js';
import type { FileSuppressionComment } from '../parse/parse-sources.js';
import type { UnusedSuppression } from './report-types.js';

/** One place that suppresses a rule: an annotation, a comment or a config entry. */
interface Site {
  readonly key: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly until?: string;
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
  /** Whether the site covers a finding on `node` at `location`. */
  readonly covers: (node: ModelNode, location: SourceLocation) => boolean;
  readonly expired: boolean;
}

export interface SuppressionInput {
  readonly nodes: readonly ModelNode[];
  readonly comments: readonly FileSuppressionComment[];
  readonly ignore: readonly IgnoreEntry[];
  readonly configFile: string | undefined;
  readonly locations: ConfigLocations;
  readonly today: string;
}

export interface Suppressions {
  /** The suppression that applies to a finding, if any; marks it used. */
  match(ruleId: string, node: ModelNode, location: SourceLocation): { reason: string; until?: string } | undefined;
  /** Sites that matched nothing, name an unknown rule, give no reason or have expired. */
  problems(knownRules: ReadonlySet<string>): UnusedSuppression[];
}

/**
 * Collects every suppression — `prodready.dev/ignore` annotations, `# prodready-ignore`
 * comments and `ignore:` entries of the config — behind one matcher. A suppression without a
 * reason, or past its `until` date, never applies.
 */
export function collectSuppressions(input: SuppressionInput): Suppressions {
  const sites: Site[] = [];
  for (const node of input.nodes) {
    for (const suppression of node.suppressions) {
      const at = resolvePointer(suppression.source);
      sites.push({
        key: `annotation:${node.id}:${suppression.ruleId}`,
        ruleId: suppression.ruleId,
        reason: suppression.reason,
        at,
        covers: (candidate) => candidate.id === node.id,
        expired: false,
      });
    }
  }
  for (const comment of input.comments) {
    sites.push({
      key: `comment:${comment.file}:${comment.line}:${comment.ruleId}`,
      ruleId: comment.ruleId,
      reason: comment.reason,
      at: { file: comment.file, line: comment.line, column: 1 },
      covers: (_node, location) =>
        location.file === comment.file && comment.fromLine <= location.line && location.line <= comment.toLine,
      expired: false,
    });
  }
  input.ignore.forEach((entry, index) => {
    const position = input.locations.ignore[index] ?? { line: 1, column: 1 };
    const pathMatcher = entry.path === undefined ? undefined : ignore().add(entry.path);
    sites.push({
      key: `config:${index}`,
      ruleId: entry.rule,
      reason: entry.reason,
      ...(entry.until === undefined ? {} : { until: entry.until }),
      at: { file: input.configFile ?? 'prodready.yaml', ...position },
      covers: (node, location) =>
        (pathMatcher === undefined || pathMatcher.ignores(location.file)) &&
        (entry.object === undefined || objectMatches(entry.object, node)),
      expired: entry.until !== undefined && entry.until < input.today,
    });
  });

  const used = new Set<string>();
  return {
    match(ruleId, node, location) {
      const site = sites.find(
        (candidate) =>
          candidate.ruleId === ruleId &&
          candidate.reason !== '' &&
          !candidate.expired &&
          candidate.covers(node, location),
      );
      if (site === undefined) return undefined;
      used.add(site.key);
      return site.until === undefined ? { reason: site.reason } : { reason: site.reason, until: site.until };
    },
    problems(knownRules) {
      return sites
        .flatMap((site): UnusedSuppression[] => {
          const problem = !knownRules.has(site.ruleId)
            ? 'unknown-rule'
            : site.reason === ''
              ? 'no-reason'
              : site.expired
                ? 'expired'
                : used.has(site.key)
                  ? undefined
                  : 'unused';
          return problem === undefined ? [] : [{ ruleId: site.ruleId, ...site.at, problem }];
        })
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
    },
  };
}

/** `Kind/namespace/name`, `Kind/name` or `name`. */
function objectMatches(pattern: string, node: ModelNode): boolean {
  const parts = pattern.split('/');
  if (parts.length === 1) return node.name === pattern;
  if (parts.length === 2) return node.object.kind === parts[0] && node.name === parts[1];
  return node.object.kind === parts[0] && node.namespace === parts[1] && node.name === parts[2];
}
