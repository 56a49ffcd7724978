import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

/** Name parts that say the variable holds a credential. */
const CREDENTIAL_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** Well-known variables whose name runs the credential word into another one. */
const KNOWN_CREDENTIAL_NAMES = new Set(['PGPASSWORD', 'MYSQL_PWD']);

/** Two adjacent name parts that say the same: API_KEY, PRIVATE_KEY, ACCESS_KEY. */
const CREDENTIAL_PAIRS = new Set(['API KEY', 'PRIVATE KEY', 'ACCESS KEY']);

/**
 * Last name parts that make the variable describe a credential rather than hold it:
 * DB_PASSWORD_FILE, TOKEN_TTL, SECRET_NAME, AWS_ACCESS_KEY_ID.
 */
const DESCRIPTOR_ENDINGS = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'DIRECTORY',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'HOSTNAME',
  'PORT',
  'NAME',
  'NAMESPACE',
  'ID',
  'REF',
  'USER',
  'USERNAME',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'LIFETIME',
  'AGE',
  'DURATION',
  'TIMEOUT',
  'INTERVAL',
  'PERIOD',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'LENGTH',
  'LEN',
  'MIN',
  'MAX',
  'SIZE',
  'COUNT',
  'LIMIT',
  'RETRIES',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'DISABLE',
  'REQUIRED',
  'HEADER',
  'TYPE',
  'ALGORITHM',
  'ALG',
  'MODE',
  'POLICY',
  'FORMAT',
  'ENCODING',
  'LOCATION',
  'MOUNT',
  'PREFIX',
  'SUFFIX',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'VERSION',
  'PROVIDER',
  'KIND',
  'FIELD',
  'METHOD',
  'STORE',
  'BACKEND',
  'SOURCE',
  'ROTATION',
]);

/** `$(OTHER_VAR)`, `${OTHER_VAR}` and `{{ template }}`: the value is filled in elsewhere. */
const REFERENCE = /\$\([^)]*\)|\$\{[^}]*\}|\{\{.*?\}\}/g;

/** scheme://user:password@host; the user may be empty (redis://:password@host). */
const URL_WITH_PASSWORD = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/gi;

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .filter((part) => part !== '')
    .map((part) => part.toUpperCase());
}

/** Names already judged: the same few keys (`name`, `image`, `DATABASE_URL`…) recur across a repository. */
const judgedNames = new Map<string, boolean>();
const MAX_JUDGED_NAMES = 100_000;

/** Whether an environment variable name says it holds a credential. */
export function isCredentialName(name: string): boolean {
  const judged = judgedNames.get(name);
  if (judged !== undefined) return judged;
  const credential = judgeCredentialName(name);
  if (judgedNames.size >= MAX_JUDGED_NAMES) judgedNames.clear();
  judgedNames.set(name, credential);
  return credential;
}

function judgeCredentialName(name: string): boolean {
  if (KNOWN_CREDENTIAL_NAMES.has(name.toUpperCase())) return true;
  const parts = nameParts(name);
  let lastMatchEnd = -1;
  parts.forEach((part, index) => {
    if (CREDENTIAL_WORDS.has(part)) lastMatchEnd = index;
    else if (index > 0 && CREDENTIAL_PAIRS.has(`${parts[index - 1]} ${part}`)) lastMatchEnd = index;
  });
  if (lastMatchEnd === -1) return false;
  if (lastMatchEnd === parts.length - 1) return true;
  return !DESCRIPTOR_ENDINGS.has(parts[parts.length - 1] ?? '');
}

/** Whether the value is made of references, with nothing literal left once they are taken out. */
function onlyReferences(value: string): boolean {
  const rest = value.replace(REFERENCE, '');
  return rest !== value && !/[A-Za-z0-9]/.test(rest);
}

/** Values that cannot be a credential: numbers, durations, booleans, absolute file paths. */
function isInertValue(value: string): boolean {
  const trimmed = value.trim();
  return (
    /^[+-]?\d+(\.\d+)?$/.test(trimmed) ||
    /^\d+(ms|s|m|h|d)$/.test(trimmed) ||
    /^(true|false|yes|no|on|off|enabled|disabled)$/i.test(trimmed) ||
    /^(\/[\w.-]+)+\/?$/.test(trimmed)
  );
}

/** Whether the value holds a URL with a literal password. */
export function hasCredentialInUrl(value: string): boolean {
  for (const match of value.matchAll(URL_WITH_PASSWORD)) {
    if (!onlyReferences(match[1] ?? '')) return true;
  }
  return false;
}

export default defineRule({
  id: 'no-secret-in-env',
  pillar: 'security',
  title: 'Credentials are not written as literal environment values',
  rationale:
    'A password or token written into a manifest is stored in Git history, visible to everyone who can read the repository or describe the pod, and cannot be rotated without a commit.',
  remediation:
    'Move the credential into a Secret (or an external secret store) and reference it with valueFrom.secretKeyRef, then rotate the exposed value.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Only literal values are judged; valueFrom references and values made only of $(VAR) references, $-brace placeholders or {{ }} templates pass. A name is a credential when one of its parts (split on _, -, . and camel case) is PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN, APIKEY, CREDENTIAL(S) or the pairs API_KEY, PRIVATE_KEY, ACCESS_KEY (and PGPASSWORD, MYSQL_PWD), unless a later part makes it a description of one (DB_PASSWORD_FILE, TOKEN_TTL, SECRET_NAME, AWS_ACCESS_KEY_ID); numbers, durations, booleans and absolute file paths are not taken for credentials. Any value holding a URL with a literal password is reported whatever the name. Messages name the variable, never its value.',
  references: [
    {
      title: 'Kubernetes: good practices for Kubernetes secrets',
      url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    },
    {
      title: 'Kubernetes: distribute credentials securely using Secrets',
      url: 'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/',
    },
  ],
  messages: {
    'secret-name': (data: { variable: string; container: string; workload: string }) =>
      `Environment variable "${data.variable}" of container "${data.container}" in ${data.workload} looks like a credential and is written as a literal value.`,
    'credential-in-url': (data: { variable: string; container: string; workload: string }) =>
      `Environment variable "${data.variable}" of container "${data.container}" in ${data.workload} holds a URL with a literal password.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        for (const variable of container.env) {
          const value = variable.value;
          if (value === undefined || value.trim() === '' || onlyReferences(value)) continue;
          const data = { variable: variable.name, container: container.name, workload: describeNode(workload) };
          const at = pointerTo(variable.source, 'value');
          if (hasCredentialInUrl(value)) {
            report({ messageId: 'credential-in-url', data, node: workload, at });
          } else if (isCredentialName(variable.name) && !isInertValue(value)) {
            report({ messageId: 'secret-name', data, node: workload, at });
          }
        }
      }
    }
  },
});
