import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ALL_ATTESTATIONS } from '../attestations/index.js';
import { CONFIG_FILE_NAME, parseConfig } from '../config/parse.js';
import {
  monthlyDowntime,
  PROFILE_KEYS,
  type ProfileKey,
  type ProfileValues,
  readProfileAnswer,
  renderConfigTemplate,
  SLA_CHOICES,
  STAGE_MEANINGS,
} from '../config/template.js';
import { UsageError } from '../core/errors.js';
import { STAGES, type Stage } from '../core/vocabulary.js';
import type { Io } from './main.js';

/** The flags of `prodready init`, as commander hands them over. */
export interface InitFlags {
  readonly stage?: string;
  readonly sla?: string;
  readonly rto?: string;
  readonly rpo?: string;
  readonly peakRps?: string;
  readonly compliance?: string;
  readonly cloud?: string;
  readonly yes?: boolean;
  readonly force?: boolean;
  readonly output?: string;
}

/** Where answers come from when asking: standard input, or a stream in tests. */
export type AnswerInput = NodeJS.ReadableStream & { readonly isTTY?: boolean };

const FLAG_NAMES: Readonly<Record<ProfileKey, string>> = {
  stage: '--stage',
  sla: '--sla',
  rto: '--rto',
  rpo: '--rpo',
  peakRps: '--peak-rps',
  compliance: '--compliance',
  cloud: '--cloud',
};

/** The published JSON Schema of this installation (a checkout or node_modules/prodready). */
const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/prodready.schema.json', import.meta.url));

type Answers = { -readonly [Key in ProfileKey]?: ProfileValues[Key] };

/**
 * `prodready init`: writes a commented prodready.yaml from flags (`--yes`) or by asking on a
 * terminal. Never overwrites a file without `--force`.
 */
export async function runInit(flags: InitFlags, io: Io, input: AnswerInput): Promise<void> {
  const given = answersFromFlags(flags);
  const target = path.resolve(io.cwd, flags.output ?? CONFIG_FILE_NAME);
  const shown = path.relative(io.cwd, target) || target;
  if (flags.force !== true && fs.existsSync(target)) throw alreadyExists(shown);
  if (flags.yes !== true && input.isTTY !== true) {
    throw new UsageError(
      'Standard input is not a terminal, so prodready init cannot ask. Pass --yes with the answers as flags ' +
        '(--stage, --sla, --rto, --rpo, --peak-rps, --compliance, --cloud); missing ones take the defaults (stage launch).',
    );
  }
  const values = flags.yes === true ? withDefaults(given) : await askProfile(given, io, input);
  const text = renderConfigTemplate(values, {
    schemaPath: schemaReference(target),
    attestationIds: ALL_ATTESTATIONS.map((attestation) => attestation.id),
  });
  const check = parseConfig(text);
  if (!check.ok) throw new Error(`The template does not parse: ${JSON.stringify(check.problems)}`);

  try {
    fs.writeFileSync(target, text, { flag: flags.force === true ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(shown);
    throw new UsageError(`Cannot write "${shown}": ${(error as Error).message}.`);
  }
  io.stdout.write(
    [
      `Wrote ${shown}: ${describeValues(values)}.`,
      'Next: run "prodready scan" to see what this stage requires; record practices that files cannot show',
      'with "prodready attest <id> --by NAME --evidence LINK".',
      '',
    ].join('\n'),
  );
}

/**
 * The `$schema` reference for a config file at `configFile`: the path from its directory to this
 * installation's schemas/prodready.schema.json, or a file URL when no relative path exists.
 */
export function schemaReference(configFile: string): string {
  const relative = path.relative(path.dirname(configFile), SCHEMA_FILE);
  if (path.isAbsolute(relative)) return pathToFileURL(SCHEMA_FILE).href;
  const posix = relative.split(path.sep).join('/');
  return posix.startsWith('../') ? posix : `./${posix}`;
}

function answersFromFlags(flags: InitFlags): Answers {
  const answers: Answers = {};
  for (const key of PROFILE_KEYS) {
    const text = flags[key];
    if (text === undefined) continue;
    const result = readProfileAnswer(key, text);
    if (!result.ok) {
      throw new UsageError(`${FLAG_NAMES[key]} "${text}" is not accepted; expected ${result.expected}.`);
    }
    setAnswer(answers, key, result.value);
  }
  return answers;
}

function setAnswer<Key extends ProfileKey>(answers: Answers, key: Key, value: ProfileValues[Key]): void {
  answers[key] = value;
}

function withDefaults(answers: Answers): ProfileValues {
  return {
    stage: answers.stage ?? 'launch',
    sla: answers.sla,
    rto: answers.rto,
    rpo: answers.rpo,
    peakRps: answers.peakRps,
    compliance: answers.compliance ?? [],
    cloud: answers.cloud,
  };
}

/** The answer offered when the user presses Enter, by stage: tighter objectives as a team grows. */
const SUGGESTED: Readonly<Record<Stage, Readonly<Record<'sla' | 'rto' | 'rpo', string>>>> = {
  prototype: { sla: 'none', rto: 'none', rpo: 'none' },
  launch: { sla: '99.9', rto: '4h', rpo: '1h' },
  growth: { sla: '99.9', rto: '1h', rpo: '15m' },
  enterprise: { sla: '99.95', rto: '1h', rpo: '15m' },
};

interface Question {
  /** The explanation printed once before the first prompt. */
  readonly explanation: readonly string[];
  /** The short prompt, repeated after an invalid answer. */
  readonly prompt: string;
  readonly suggested: (stage: Stage) => string;
}

const QUESTIONS: Readonly<Record<ProfileKey, Question>> = {
  stage: {
    explanation: [
      'Stage: how far along the product is; it decides which practices are required now.',
      ...STAGES.map((stage) => `  ${stage.padEnd(11)} ${STAGE_MEANINGS[stage]}`),
    ],
    prompt: 'Stage',
    suggested: () => 'launch',
  },
  sla: {
    explanation: [
      'SLA: the availability promised to customers, in percent per month. Downtime each allows a month:',
      ...SLA_CHOICES.map((sla) => `  ${String(sla).padEnd(8)} ${monthlyDowntime(sla)}`),
      `  ${'none'.padEnd(8)} no promise yet`,
    ],
    prompt: 'SLA',
    suggested: (stage) => SUGGESTED[stage].sla,
  },
  rto: {
    explanation: ['RTO: recovery time objective, how long an outage may last (30s, 15m, 1h, 2d, or none).'],
    prompt: 'RTO',
    suggested: (stage) => SUGGESTED[stage].rto,
  },
  rpo: {
    explanation: ['RPO: recovery point objective, how much recent data may be lost (30s, 15m, 1h, 2d, or none).'],
    prompt: 'RPO',
    suggested: (stage) => SUGGESTED[stage].rpo,
  },
  peakRps: {
    explanation: ['Peak load: the expected peak requests per second across the system (a number, or none).'],
    prompt: 'Peak requests per second',
    suggested: () => 'none',
  },
  compliance: {
    explanation: [
      'Compliance: frameworks the team must show evidence for, comma-separated (soc2, hipaa, pci-dss, gdpr, iso27001, or none).',
    ],
    prompt: 'Compliance',
    suggested: () => 'none',
  },
  cloud: {
    explanation: ['Cloud: where production runs (azure, aws, gcp, other, or none).'],
    prompt: 'Cloud',
    suggested: () => 'none',
  },
};

/** Asks every question that no flag answered, re-asking after an invalid answer. */
async function askProfile(given: Answers, io: Io, input: AnswerInput): Promise<ProfileValues> {
  const reader = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const lines = reader[Symbol.asyncIterator]();
  const answers: Answers = { ...given };
  io.stdout.write('Answer each question, or press Enter to take the suggestion in brackets.\n');
  try {
    for (const key of PROFILE_KEYS) {
      if (key in given) continue;
      const question = QUESTIONS[key];
      io.stdout.write(`\n${question.explanation.join('\n')}\n`);
      const suggested = question.suggested(answers.stage ?? 'launch');
      for (;;) {
        io.stdout.write(`${question.prompt} [${suggested}]: `);
        const line = await lines.next();
        if (line.done === true) {
          io.stdout.write('\n');
          throw new UsageError('Standard input ended before every question was answered; nothing was written.');
        }
        const typed = String(line.value).trim();
        const result = readProfileAnswer(key, typed === '' ? suggested : typed);
        if (result.ok) {
          setAnswer(answers, key, result.value);
          break;
        }
        io.stdout.write(`  "${typed}" is not accepted; expected ${result.expected}.\n`);
      }
    }
  } finally {
    reader.close();
  }
  io.stdout.write('\n');
  return withDefaults(answers);
}

function describeValues(values: ProfileValues): string {
  const parts = [`stage ${values.stage}`];
  if (values.sla !== undefined) parts.push(`sla ${values.sla} (${monthlyDowntime(values.sla)} of downtime a month)`);
  if (values.rto !== undefined) parts.push(`rto ${values.rto}`);
  if (values.rpo !== undefined) parts.push(`rpo ${values.rpo}`);
  if (values.peakRps !== undefined) parts.push(`peakRps ${values.peakRps}`);
  if (values.compliance.length > 0) parts.push(`compliance ${values.compliance.join(', ')}`);
  if (values.cloud !== undefined) parts.push(`cloud ${values.cloud}`);
  return parts.join(', ');
}

function alreadyExists(shown: string): UsageError {
  return new UsageError(`"${shown}" already exists; pass --force to overwrite it.`);
}
