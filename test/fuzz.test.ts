/**
 * The robustness properties of `npm run fuzz`, a few hundred inputs per generator with a fixed
 * seed so that CI is reproducible: scanning generated repositories, broken or not, never throws
 * and gives a report that matches the schema, with every location a scanned file and a line ≥ 1.
 */
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import type { ParseOptions } from '../src/parse/parse-sources.js';
import { GENERATORS, type GeneratorName } from './fuzz/arbitraries.js';
import { assertWellFormed, checkParsed, scanGenerated } from './fuzz/property.js';

const SEED = 20_250_101;
const PARSE_RUNS: Record<GeneratorName, number> = {
  yaml: 300,
  kubernetes: 300,
  kustomize: 100,
  terraform: 200,
  dockerfile: 200,
  pipelines: 150,
  compose: 150,
  repository: 40,
};

let parsers: ParseOptions;
beforeAll(async () => {
  parsers = await loadParsers();
});

describe('parse, model and rules never throw on generated files', () => {
  it.each(Object.entries(PARSE_RUNS))('%s (%i inputs)', (name, numRuns) => {
    const arbitrary = GENERATORS[name as GeneratorName];
    fc.assert(
      fc.property(arbitrary, (files) => {
        checkParsed(files, parsers);
      }),
      { numRuns, seed: SEED },
    );
  });
});

describe('a whole scan gives a well-formed report for generated repositories', () => {
  it('repository (100 inputs)', () => {
    fc.assert(
      fc.property(GENERATORS.repository, (files) => {
        assertWellFormed(scanGenerated(files, parsers));
      }),
      { numRuns: 100, seed: SEED },
    );
  });
});
