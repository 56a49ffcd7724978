import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import type { Profile } from '../src/core/profile.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import type { SystemModel } from '../src/model/types.js';
import type { ParseOptions } from '../src/parse/parse-sources.js';
import { parseSources } from '../src/parse/parse-sources.js';
import datastoreFailure from '../src/scenarios/datastore-failure.js';
import { REPOSITORY_ROOT } from './fixtures.js';

/** What the fixture table test cannot see: the data lost, and the judgement without targets. */

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'scenarios', 'datastore-failure');

let parsers: ParseOptions;

beforeAll(async () => {
  parsers = await loadParsers();
});

function modelOf(fixture: string): SystemModel {
  const discovery = discover({ root: path.join(FIXTURES, fixture) });
  const parsed = parseSources(discovery.files, parsers);
  expect(parsed.issues).toEqual([]);
  return buildModel(parsed.kubernetes, discovery.inventory, parsed);
}

const TARGETS: Profile = { stage: 'launch', sla: 99.9, rto: '15m', rpo: '5m', compliance: [] };

function outcomes(fixture: string, profile: Profile) {
  return datastoreFailure.run({ model: modelOf(fixture), profile }).paths.map((entry) => ({
    outcome: entry.outcome,
    recoverySeconds: entry.recoverySeconds,
    dataLossSeconds: entry.dataLossSeconds,
  }));
}

describe('datastore failure', () => {
  it('gives the data lost by a synchronous Multi-AZ failover, and none for a self-hosted replica', () => {
    expect(outcomes('managed-multi-az-rds', TARGETS)).toEqual([
      { outcome: 'degraded', recoverySeconds: 120, dataLossSeconds: 0 },
    ]);
    expect(outcomes('self-hosted-postgres', TARGETS)).toEqual([
      { outcome: 'outage', recoverySeconds: undefined, dataLossSeconds: undefined },
    ]);
  });

  it('cannot judge a bounded failover without an RTO, and a failover longer than the RTO is an outage', () => {
    expect(outcomes('managed-multi-az-rds', { stage: 'launch', compliance: [] })).toEqual([
      { outcome: 'unknown', recoverySeconds: 120, dataLossSeconds: 0 },
    ]);
    expect(outcomes('managed-multi-az-rds', { ...TARGETS, rto: '1m' })).toEqual([
      { outcome: 'outage', recoverySeconds: 120, dataLossSeconds: 0 },
    ]);
  });

  it('keeps an unbounded self-hosted recovery an outage with no targets at all', () => {
    expect(outcomes('self-hosted-postgres', { stage: 'launch', compliance: [] })).toEqual([
      { outcome: 'outage', recoverySeconds: undefined, dataLossSeconds: undefined },
    ]);
  });
});
