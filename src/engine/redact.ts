import type { SourceFile } from '../discover/discover.js';
import type { KubernetesObject } from '../parse/kubernetes.js';
import { isCredentialName } from '../rules/security/no-secret-in-env.js';

/** What every secret value found in the files becomes in a report. */
export const REDACTED = '[redacted]';

/** Values shorter than this are not redacted: replacing them would mangle unrelated text. */
const MIN_SECRET_LENGTH = 4;

/** What the collector reads: the files' text, and the objects parsed or rendered from them. */
export interface SecretSources {
  readonly files: readonly Pick<SourceFile, 'kind' | 'text'>[];
  readonly objects: readonly KubernetesObject[];
  /** Other parsed YAML bodies (compose files, pipelines): walked for credential-named keys. */
  readonly bodies: readonly unknown[];
}

/** scheme://user:password@host; the user may be empty (redis://:password@host). A scheme starts where a run of scheme characters starts, so that a long run is not tried again at every offset. */
const URL_PASSWORD = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]*:([^\s@/'"]+)@/gi;

/** `NAME: value`, `NAME=value`, `- NAME=value`, `export NAME=value`, `NAME = "value"`. */
const ASSIGNMENT = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*)$/;

/** `$(OTHER)`, `${OTHER}`, `$OTHER`, `{{ template }}`, `${{ secrets.X }}`: filled in elsewhere. */
const REFERENCE = /\$\{\{.*?\}\}|\$\([^)]*\)|\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*?\}\}/g;

/**
 * Every secret value the files hold: values of credential-named variables and keys, Kubernetes
 * Secret data (base64 and decoded) and stringData, Kustomize secretGenerator literals, sensitive
 * or secret-named Terraform variable defaults and tfvars values, and passwords in URLs.
 */
export function collectSecrets(sources: SecretSources): ReadonlySet<string> {
  const secrets = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (isSecretValue(trimmed)) secrets.add(trimmed);
  };
  for (const file of sources.files) collectFromText(file.kind, file.text, add);
  for (const object of sources.objects) {
    if (object.kind === 'Secret') {
      for (const value of Object.values(record(object.body.stringData))) add(value);
      for (const value of Object.values(record(object.body.data))) {
        if (typeof value !== 'string') continue;
        add(value);
        add(decodeBase64(value));
      }
    }
    walk(object.body, add);
  }
  for (const body of sources.bodies) walk(body, add);
  return secrets;
}

/** Secrets longer than this are searched for one by one rather than in an alternation. */
const LONG_SECRET = 256;
const SECRETS_PER_PATTERN = 500;

/** A copy of `value` in which every occurrence of a secret in any string is `[redacted]`. */
export function redactSecrets<T>(value: T, secrets: ReadonlySet<string>): T {
  if (secrets.size === 0) return value;
  // Longest first, so that a secret containing another is replaced whole. Long secrets are
  // replaced by plain search, the others by a few alternations (a regular expression has a size
  // limit: one made of a megabyte-long value, or of thousands of values, would not compile).
  const ordered = [...secrets].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const long = ordered.filter((secret) => secret.length > LONG_SECRET);
  const patterns: RegExp[] = [];
  const short = ordered.filter((secret) => secret.length <= LONG_SECRET);
  for (let start = 0; start < short.length; start += SECRETS_PER_PATTERN) {
    const group = short.slice(start, start + SECRETS_PER_PATTERN);
    patterns.push(new RegExp(group.map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'));
  }
  const replace = (text: string): string => {
    let result = text;
    for (const secret of long) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    for (const pattern of patterns) result = result.replace(pattern, REDACTED);
    return result;
  };
  const scrub = (item: unknown): unknown => {
    if (typeof item === 'string') return replace(item);
    if (Array.isArray(item)) return item.map(scrub);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(
        Object.entries(item).map(([key, field]) => [key, STRUCTURAL_KEYS.has(key) ? field : scrub(field)]),
      );
    }
    return item;
  };
  return scrub(value) as T;
}

/** Report keys that hold identifiers and enumerations, never file content: left as they are. */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'schemaVersion',
  'ruleId',
  'messageId',
  'pillar',
  'level',
  'fingerprint',
  'outcome',
  'state',
  'status',
  'change',
  'problem',
  'framework',
  'stage',
  'startedAt',
]);

function collectFromText(kind: string, text: string, add: (value: string) => void): void {
  for (const match of text.matchAll(URL_PASSWORD)) add(match[1] ?? '');
  const terraform = kind === 'terraform' || kind === 'terraform-variables';
  const lines = text.split(/\r?\n/);
  let inSecretGenerator = false;
  for (const line of lines) {
    if (kind === 'kustomization') {
      if (/^\S/.test(line)) inSecretGenerator = /^secretGenerator\s*:/.test(line);
      else if (inSecretGenerator) {
        const literal = /^\s*-\s*["']?[^=\s"']+=(.*?)["']?\s*$/.exec(line);
        if (literal !== null) add(literal[1] ?? '');
      }
    }
    if (kind === 'dockerfile') {
      const instruction = /^\s*(ENV|ARG)\s+(.*)$/i.exec(line);
      if (instruction !== null) {
        collectDockerVariables(instruction[2] ?? '', add);
        continue;
      }
    }
    const assignment = ASSIGNMENT.exec(line);
    if (assignment === null) continue;
    const name = assignment[1] ?? '';
    const variables = kind === 'terraform-variables';
    if (isCredentialName(name) || (variables && isSecretVariableName(name))) add(cleanValue(assignment[2] ?? ''));
  }
  if (terraform) collectTerraformVariables(text, add);
}

/** `ENV A=1 B="two"`, `ENV NAME value`, `ARG NAME=default`. */
function collectDockerVariables(rest: string, add: (value: string) => void): void {
  const pairs = [...rest.matchAll(/([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
  if (pairs.length === 0) {
    const legacy = /^([A-Za-z_]\w*)\s+(.+)$/.exec(rest.trim());
    if (legacy !== null && isCredentialName(legacy[1] ?? '')) add(cleanValue(legacy[2] ?? ''));
    return;
  }
  for (const pair of pairs) {
    if (isCredentialName(pair[1] ?? '')) add(cleanValue(pair[2] ?? ''));
  }
}

/** The `default` of each `variable` block that is sensitive or named like a secret. */
function collectTerraformVariables(text: string, add: (value: string) => void): void {
  for (const match of text.matchAll(/\bvariable\s+"([^"]+)"\s*\{/g)) {
    const start = (match.index ?? 0) + match[0].length;
    let depth = 1;
    let end = start;
    while (end < text.length && depth > 0) {
      const character = text[end];
      if (character === '{') depth += 1;
      else if (character === '}') depth -= 1;
      end += 1;
    }
    const block = text.slice(start, end);
    if (!/\bsensitive\s*=\s*true\b/.test(block) && !isSecretVariableName(match[1] ?? '')) continue;
    for (const value of block.matchAll(/\bdefault\s*=\s*"((?:[^"\\]|\\.)*)"/g)) add(value[1] ?? '');
  }
}

/** Terraform variable names: a credential name, or one that names a key (`api_key`, `signing_key`). */
function isSecretVariableName(name: string): boolean {
  return isCredentialName(name) || /(^|[_-])key$/i.test(name);
}

/** Walks parsed YAML: credential-named keys, `{ name, value }` env entries and `NAME=value` items. */
function walk(node: unknown, add: (value: string) => void, seen = new Set<object>()): void {
  // YAML aliases share nodes, and an alias inside its own anchor makes a cycle: each node once.
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) {
      if (typeof item === 'string') {
        const pair = /^([A-Za-z_][\w.-]*)=(.*)$/s.exec(item);
        if (pair !== null && isCredentialName(pair[1] ?? '')) add(pair[2] ?? '');
      } else walk(item, add, seen);
    }
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const entries = Object.entries(node);
  const named = (node as Record<string, unknown>).name;
  if (typeof named === 'string' && isCredentialName(named)) add(String((node as Record<string, unknown>).value ?? ''));
  for (const [key, value] of entries) {
    if (typeof value === 'string' && isCredentialName(key)) add(value);
    else walk(value, add, seen);
  }
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value written after `=` or `:`, without quotes, a trailing comma or a trailing comment. */
function cleanValue(raw: string): string {
  let value = raw.trim().replace(/,$/, '');
  const quoted = /^(["'])(.*)\1/.exec(value);
  if (quoted !== null) return quoted[2] ?? '';
  value = value.replace(/\s+#.*$/, '');
  return value;
}

/** Whether a value can be a secret worth hiding: long enough, literal, not a number or a flag. */
function isSecretValue(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH) return false;
  if (/^[|>][+-]?\d*$/.test(value)) return false;
  if (!/[A-Za-z0-9]/.test(value.replace(REFERENCE, ''))) return false;
  if (
    /^(true|false|yes|no|on|off|null|none|read|write|required|optional|enabled|disabled|secretKeyRef|valueFrom)$/i.test(
      value,
    )
  )
    return false;
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return false;
  return true;
}

/** The text a base64 value decodes to, when it is printable; undefined otherwise. */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return /^[\x20-\x7e\t\r\n]+$/.test(decoded) ? decoded : undefined;
}
