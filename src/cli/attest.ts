import fs from 'node:fs';
import path from 'node:path';
import { ALL_ATTESTATIONS, findAttestation } from '../attestations/index.js';
import { setAttestation } from '../config/edit.js';
import { CONFIG_FILE_NAME, parseConfig } from '../config/parse.js';
import { type Attestation, attestationSchema } from '../config/schema.js';
import { renderMinimalConfig } from '../config/template.js';
import { UsageError } from '../core/errors.js';
import { loadConfig } from './config-file.js';
import { schemaReference } from './init.js';
import type { Io } from './main.js';

/** The flags of `prodready attest`, as commander hands them over. */
export interface AttestFlags {
  readonly by: string;
  readonly evidence: string;
  readonly date?: string;
  readonly expires?: string;
  readonly config?: string;
}

const EXPECTED: Readonly<Record<keyof Attestation, string>> = {
  by: 'a name or a team',
  evidence: 'a link or a repository path',
  date: 'a date written YYYY-MM-DD',
  expires: 'a date written YYYY-MM-DD',
};

/**
 * `prodready attest <id>`: adds or renews `attestations.<id>` in prodready.yaml (creating a
 * minimal file when there is none), keeping the rest of the file as it was. `today` is the
 * local calendar date, YYYY-MM-DD.
 */
export function runAttest(id: string, flags: AttestFlags, io: Io, today: string = localDate(new Date())): void {
  const definition = findAttestation(id);
  if (definition === undefined) {
    const known = ALL_ATTESTATIONS.map((attestation) => attestation.id);
    throw new UsageError(`Unknown attestation "${id}". Known ids: ${known.join(', ')}.`);
  }
  const attestation = validatedAttestation(flags, today);

  const target = path.resolve(io.cwd, flags.config ?? CONFIG_FILE_NAME);
  const shown = path.relative(io.cwd, target) || target;
  let text: string;
  let previous: Attestation | undefined;
  const exists = fs.existsSync(target);
  if (exists) {
    if (!fs.statSync(target).isFile()) throw new UsageError(`"${shown}" is not a file.`);
    previous = loadConfig(io.cwd, target, []).config.attestations[id];
    text = fs.readFileSync(target, 'utf8');
  } else {
    text = renderMinimalConfig(schemaReference(target));
  }

  const edited = setAttestation(text, id, attestation);
  const result = parseConfig(edited);
  if (!result.ok) {
    const lines = result.problems.map((problem) => `  ${shown}:${problem.line}:${problem.column}: ${problem.message}`);
    throw new UsageError(`Refusing to write "${shown}": the result would not be valid:\n${lines.join('\n')}`);
  }
  const recorded = result.config.attestations[id];
  if (JSON.stringify(recorded) !== JSON.stringify(attestation)) {
    throw new Error(
      `The edit of ${shown} recorded ${JSON.stringify(recorded)} instead of ${JSON.stringify(attestation)}.`,
    );
  }
  try {
    fs.writeFileSync(target, edited);
  } catch (error) {
    throw new UsageError(`Cannot write "${shown}": ${(error as Error).message}.`);
  }

  const verb = previous === undefined ? 'Recorded' : 'Renewed';
  const lines = [
    `${verb} ${id} (${definition.title}) in ${shown}${exists ? '' : ', a new file'}: by ${attestation.by} on ${attestation.date}, evidence ${attestation.evidence}.`,
  ];
  if (previous !== undefined) lines.push(`It replaces the one by ${previous.by} on ${previous.date}.`);
  const expiry = expiryOf(attestation, definition.maxAgeDays);
  if (expiry === undefined) {
    lines.push('It does not expire; renew it when the practice changes.');
  } else if (expiry.date < today) {
    io.stderr.write(
      `prodready: warning: this attestation expired on ${expiry.date} (${expiry.why}), so it does not count; record a more recent --date.\n`,
    );
  } else {
    lines.push(`It expires on ${expiry.date} (${expiry.why}); renew it with "prodready attest ${id}" before then.`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

function validatedAttestation(flags: AttestFlags, today: string): Attestation {
  const candidate = {
    by: flags.by.trim(),
    date: flags.date ?? today,
    evidence: flags.evidence.trim(),
    ...(flags.expires === undefined ? {} : { expires: flags.expires }),
  };
  const parsed = attestationSchema.safeParse(candidate);
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.path[0] as keyof Attestation;
    const given = key === 'by' || key === 'evidence' ? flags[key] : candidate[key];
    throw new UsageError(`--${key} "${given ?? ''}" is not accepted; expected ${EXPECTED[key]}.`);
  }
  const attestation = parsed.data;
  if (attestation.date > today) {
    throw new UsageError(
      `--date "${attestation.date}" is not accepted; expected the day the practice was last done or checked, ${today} or earlier.`,
    );
  }
  if (attestation.expires !== undefined && attestation.expires <= attestation.date) {
    throw new UsageError(
      `--expires "${attestation.expires}" is not accepted; expected a date after the attestation's date, ${attestation.date}.`,
    );
  }
  return attestation;
}

/** When the attestation stops counting: the earlier of --expires and its date plus the practice's maximum age. */
function expiryOf(attestation: Attestation, maxAgeDays: number | undefined): { date: string; why: string } | undefined {
  const byAge =
    maxAgeDays === undefined
      ? undefined
      : { date: addDays(attestation.date, maxAgeDays), why: `the practice counts for ${maxAgeDays} days` };
  const byFlag = attestation.expires === undefined ? undefined : { date: attestation.expires, why: '--expires' };
  if (byAge === undefined) return byFlag;
  if (byFlag === undefined) return byAge;
  return byFlag.date <= byAge.date ? byFlag : byAge;
}

function addDays(date: string, days: number): string {
  const time = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The local calendar date, YYYY-MM-DD. */
export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
