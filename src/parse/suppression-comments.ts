/**
 * `# prodready-ignore <rule-id>: <reason>` comments. A comment on its own line covers the block
 * that starts on the next content line (that line and the lines indented below it); above the
 * first line of a document it covers the whole document. A trailing comment covers the block of
 * its own line.
 */
export interface SuppressionComment {
  readonly ruleId: string;
  /** Empty when the comment gives no reason: such a comment suppresses nothing. */
  readonly reason: string;
  /** Line of the comment itself. */
  readonly line: number;
  readonly fromLine: number;
  readonly toLine: number;
}

const COMMENT = /#\s*prodready-ignore\s+([A-Za-z0-9-]+)\s*(?::\s*(.*?))?\s*$/;
const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;

/**
 * @param yamlDocuments whether the file is YAML, whose documents a header comment covers whole;
 *   in HCL and Dockerfiles a comment covers the block or instruction below it.
 */
export function findSuppressionComments(text: string, yamlDocuments = true): SuppressionComment[] {
  if (!text.includes('prodready-ignore')) return [];
  const lines = text.split(/\r?\n/);
  const found: SuppressionComment[] = [];
  lines.forEach((content, index) => {
    const match = COMMENT.exec(content);
    if (match === null) return;
    const ruleId = match[1] ?? '';
    const reason = match[2] ?? '';
    const hashAt = content.indexOf('#');
    const trailing = content.slice(0, hashAt).trim() !== '';
    const target = trailing ? index : nextContentLine(lines, index + 1);
    if (target === undefined) return;
    const range =
      yamlDocuments && startsDocument(lines, target) ? documentRange(lines, target) : blockRange(lines, target);
    found.push({ ruleId, reason, line: index + 1, fromLine: range[0] + 1, toLine: range[1] + 1 });
  });
  return found;
}

function isContent(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

function nextContentLine(lines: readonly string[], from: number): number | undefined {
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (DOCUMENT_MARKER.test(line)) continue;
    if (isContent(line)) return index;
  }
  return undefined;
}

function startsDocument(lines: readonly string[], target: number): boolean {
  for (let index = target - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    if (DOCUMENT_MARKER.test(line)) return true;
    if (isContent(line)) return false;
  }
  return true;
}

function documentRange(lines: readonly string[], target: number): [number, number] {
  for (let index = target + 1; index < lines.length; index += 1) {
    if (DOCUMENT_MARKER.test(lines[index] ?? '')) return [target, index - 1];
  }
  return [target, lines.length - 1];
}

function blockRange(lines: readonly string[], target: number): [number, number] {
  const indent = indentation(lines[target] ?? '');
  let last = target;
  for (let index = target + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (DOCUMENT_MARKER.test(line)) break;
    if (!isContent(line)) continue;
    // An HCL block's closing brace at the block's own indentation still belongs to it.
    if (indentation(line) <= indent && !/^\s*[}\]]/.test(line)) break;
    last = index;
    if (indentation(line) <= indent) break;
  }
  return [target, last];
}

/** Indentation of a line; a sequence item's block starts at its dash. */
function indentation(line: string): number {
  return line.length - line.trimStart().length;
}
