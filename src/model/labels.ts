import type { SourcePointer } from '../core/source.js';
import type { AnnotationSuppression, LabelSelector } from './types.js';

/** Whether `labels` satisfy a label selector (matchLabels and matchExpressions). An empty selector matches all. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions) {
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !expression.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && expression.values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether a Service's plain selector matches `labels`. An empty selector matches nothing for a Service. */
export function serviceSelectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/**
 * The `prodready.dev/ignore` annotation (Kubernetes) or label (compose):
 * `"<rule-id>: <reason>"`, several separated by `;` or new lines.
 */
export function parseIgnoreAnnotation(value: string | undefined, at: SourcePointer): AnnotationSuppression[] {
  if (value === undefined) return [];
  return value
    .split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      return colon === -1
        ? { ruleId: entry, reason: '', source: at }
        : { ruleId: entry.slice(0, colon).trim(), reason: entry.slice(colon + 1).trim(), source: at };
    });
}
