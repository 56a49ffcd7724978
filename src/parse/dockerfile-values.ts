/**
 * What a variable's value is made of, judged where the text is read so that the value itself
 * never travels further than the parser: a Dockerfile ARG or ENV, a compose `environment` or
 * build `args` entry. The model keeps these booleans and the variable's name, never the value.
 */
export interface ValueTraits {
  /** A value is written (possibly empty). */
  readonly present: boolean;
  /**
   * The value holds literal text that could be a credential: something other than variable
   * references, and not a number, duration, boolean or absolute path. A default written inside
   * a reference (`${DB_PASSWORD:-changeme}`) is literal text: it is committed too.
   */
  readonly literal: boolean;
  /** The value holds a variable reference (`$NAME`, `${NAME}`, `$(…)`, `{{ … }}`). */
  readonly reference: boolean;
  /** The value holds a URL with a literal password (`postgres://app:hunter2@db/app`). */
  readonly credentialInUrl: boolean;
}

export const NO_VALUE: ValueTraits = { present: false, literal: false, reference: false, credentialInUrl: false };

/**
 * `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME:?error}`, `$NAME`,
 * `$(command)` and `{{ template }}`. Group 1 is the operator of a braced reference, group 2 its
 * word.
 */
const REFERENCE =
  /\$\{[A-Za-z_][A-Za-z0-9_]*(?:(:?[-+?=])([^}]*))?\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|\{\{.*?\}\}/g;

/** scheme://user:password@host; the user may be empty (redis://:password@host). */
const URL_WITH_PASSWORD = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/gi;

/** Classifies a value as written; `undefined` means that no value is written at all. */
export function traitsOfValue(value: string | undefined): ValueTraits {
  if (value === undefined) return NO_VALUE;
  return {
    present: true,
    literal: isLiteral(value),
    reference: new RegExp(REFERENCE.source).test(value),
    credentialInUrl: hasCredentialInUrl(value),
  };
}

function isLiteral(value: string): boolean {
  const parts: string[] = [];
  const rest = value.replace(REFERENCE, (_match, operator: string | undefined, word: string | undefined) => {
    // `${NAME:?message}` holds an error message, not a value.
    if (operator !== undefined && !operator.endsWith('?') && word !== undefined) parts.push(word);
    return ' ';
  });
  parts.push(rest);
  return parts.some((part) => /[A-Za-z0-9]/.test(part) && !isInert(part));
}

/** Values that cannot be a credential: numbers, durations, booleans, absolute paths. */
function isInert(value: string): boolean {
  const trimmed = value.trim().replace(/^["']|["']$/g, '');
  return (
    /^[+-]?\d+(\.\d+)?$/.test(trimmed) ||
    /^\d+(ms|s|m|h|d)$/.test(trimmed) ||
    /^(true|false|yes|no|on|off|enabled|disabled)$/i.test(trimmed) ||
    /^(\/[\w.-]+)+\/?$/.test(trimmed)
  );
}

function hasCredentialInUrl(value: string): boolean {
  for (const match of value.matchAll(URL_WITH_PASSWORD)) {
    const password = match[1] ?? '';
    if (password.replace(REFERENCE, '').trim() !== '' || /:[-+=]/.test(password)) return true;
  }
  return false;
}
