import type { LabelSelector } from './types.js';

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
