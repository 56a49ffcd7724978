/**
 * `npm run fuzz`: property-based robustness run. Generates broken and valid repositories
 * (test/fuzz/arbitraries.ts) and checks that scanning them never throws and gives a
 * well-formed report (test/fuzz/property.ts). Prints the inputs per generator and the total;
 * exits 1 with fast-check's seed, path and the shrunk counterexample on the first failure.
 *
 *   npm run fuzz                      # the full run (over 100,000 inputs)
 *   npm run fuzz -- --scale 0.1       # a tenth of it
 *   npm run fuzz -- --seed 42         # another seed (default: random, printed)
 *   npm run fuzz -- --only terraform/parse --seed 42 --path "12:0:3"   # replay a counterexample
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadParsers } from '../src/cli/parsers.js';
import { GENERATORS, type GeneratedRepository, type GeneratorName } from '../test/fuzz/arbitraries.js';
import { assertWellFormed, checkParsed, scanGenerated } from '../test/fuzz/property.js';

type Mode = 'parse' | 'scan' | 'disk';

/**
 * Inputs per generator and how each is checked: `parse` (the bulk: parse, model and every rule,
 * in memory), `scan` (the whole scan to a schema-checked report, in memory) and `disk` (the same,
 * written to a temporary directory and discovered).
 */
const RUNS: readonly (readonly [GeneratorName, Mode, number])[] = [
  ['yaml', 'parse', 20_000],
  ['kubernetes', 'parse', 20_000],
  ['kustomize', 'parse', 8_000],
  ['terraform', 'parse', 15_000],
  ['dockerfile', 'parse', 15_000],
  ['pipelines', 'parse', 10_000],
  ['compose', 'parse', 10_000],
  ['repository', 'parse', 2_000],
  ['kubernetes', 'scan', 1_000],
  ['terraform', 'scan', 500],
  ['pipelines', 'scan', 500],
  ['repository', 'scan', 1_000],
  ['repository', 'disk', 200],
];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const scale = Number(option('scale') ?? '1');
const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
const replayPath = option('path');
const only = option('only');

const parsers = await loadParsers();
const started = Date.now();
let total = 0;
let failed = false;

function writeRepository(files: GeneratedRepository): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-fuzz-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
    fs.writeFileSync(path.join(root, file.path), file.text);
  }
  return root;
}

console.log(`prodready fuzz: seed ${seed}${scale === 1 ? '' : `, scale ${scale}`}`);
for (const [generator, mode, runCount] of RUNS) {
  const name = `${generator}/${mode}`;
  if (only !== undefined && only !== name) continue;
  const arbitrary = GENERATORS[generator];
  const numRuns = Math.max(1, Math.round(runCount * scale));
  const generatorStarted = Date.now();
  const property = fc.property(arbitrary, (files) => {
    if (mode === 'parse') {
      checkParsed(files, parsers);
      return;
    }
    if (mode === 'scan') {
      assertWellFormed(scanGenerated(files, parsers));
      return;
    }
    const root = writeRepository(files);
    try {
      assertWellFormed(scanGenerated(files, parsers, root));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
  const details = fc.check(property, {
    numRuns,
    seed,
    ...(replayPath === undefined ? {} : { path: replayPath, endOnFailure: true }),
  });
  total += details.numRuns;
  const seconds = ((Date.now() - generatorStarted) / 1000).toFixed(1);
  console.log(`${name.padEnd(20)} ${String(details.numRuns).padStart(7)} inputs  ${seconds.padStart(6)} s`);
  if (details.failed) {
    failed = true;
    const error = details.errorInstance;
    console.error(`\nFAILED: ${name} after ${details.numRuns} inputs (${details.numShrinks} shrinks)`);
    console.error(
      `replay: npm run fuzz -- --only ${name} --seed ${details.seed} --path "${details.counterexamplePath}"`,
    );
    console.error(`counterexample:\n${JSON.stringify(details.counterexample?.[0], null, 2)}`);
    console.error(`error:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    break;
  }
}
const wall = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${'total'.padEnd(20)} ${String(total).padStart(7)} inputs  ${wall.padStart(6)} s`);
process.exitCode = failed ? 1 : 0;
