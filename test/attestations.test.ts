import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_ATTESTATIONS, ATTESTATIONS, findAttestation } from '../src/attestations/index.js';
import type { Profile } from '../src/core/profile.js';
import { COMPLIANCE_FRAMEWORKS, PILLARS, STAGES, stageRank } from '../src/core/vocabulary.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import type { SystemModel } from '../src/model/types.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const ATTESTATION_FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'attestations');
const EXPECTED_FILE = 'expected-evidence.txt';

const EXPECTED_IDS = [
  'backup-restore-tested',
  'disaster-recovery-drill',
  'load-test-at-peak',
  'access-review',
  'data-retention-policy',
  'penetration-test',
  'security-training',
  'alerting-rules',
  'incident-response-runbook',
  'on-call-rotation',
  'postmortem-practice',
  'status-page',
];

const DETECTING_IDS = [
  'alerting-rules',
  'data-retention-policy',
  'incident-response-runbook',
  'load-test-at-peak',
  'on-call-rotation',
  'postmortem-practice',
  'status-page',
];

/** The model of a fixture repository, built by the real discover, parse and model stages. */
function modelOf(directory: string): SystemModel {
  const discovery = discover({ root: directory });
  const parsed = parseSources(discovery.files);
  return buildModel(parsed.kubernetes, discovery.inventory);
}

interface ExpectedEvidence {
  readonly file: string;
  readonly line: number | undefined;
  readonly description: string;
}

/** `file:`, optional `line:` and `description:` (the start of the description) from a case's expected file. */
function readExpected(directory: string): ExpectedEvidence {
  const fields = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(directory, EXPECTED_FILE), 'utf8').split('\n')) {
    const match = /^(\w+):\s*(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  const file = fields.get('file');
  const description = fields.get('description');
  if (file === undefined || description === undefined) throw new Error(`${directory}: ${EXPECTED_FILE} is incomplete`);
  const line = fields.get('line');
  return { file, line: line === undefined ? undefined : Number(line), description };
}

interface FixtureCase {
  readonly id: string;
  readonly outcome: 'detected' | 'not-detected';
  readonly name: string;
  readonly directory: string;
}

function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const id of fs.readdirSync(ATTESTATION_FIXTURES).sort()) {
    for (const outcome of ['detected', 'not-detected'] as const) {
      const outcomeDirectory = path.join(ATTESTATION_FIXTURES, id, outcome);
      if (!fs.existsSync(outcomeDirectory)) continue;
      for (const name of fs.readdirSync(outcomeDirectory).sort()) {
        cases.push({ id, outcome, name, directory: path.join(outcomeDirectory, name) });
      }
    }
  }
  return cases;
}

const CASES = fixtureCases();

function profile(overrides: Partial<Profile> = {}): Profile {
  return { stage: 'launch', compliance: [], ...overrides };
}

describe('attestation registry', () => {
  it('has exactly the twelve attestations, keyed by id, in pillar order and then alphabetically', () => {
    expect(Object.keys(ATTESTATIONS)).toEqual(EXPECTED_IDS);
    expect(ALL_ATTESTATIONS.map((attestation) => attestation.id)).toEqual(EXPECTED_IDS);
    for (const [key, attestation] of Object.entries(ATTESTATIONS)) expect(attestation.id).toBe(key);
    const order = ALL_ATTESTATIONS.map((attestation) => `${PILLARS.indexOf(attestation.pillar)} ${attestation.id}`);
    expect(order).toEqual([...order].sort());
    expect(findAttestation('on-call-rotation')?.pillar).toBe('operations');
    expect(findAttestation('no-such-practice')).toBeUndefined();
  });

  it.each(EXPECTED_IDS)('%s has complete metadata', (id) => {
    const attestation = ATTESTATIONS[id as keyof typeof ATTESTATIONS];
    expect(attestation.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(attestation.title.length).toBeGreaterThan(10);
    expect(attestation.title).not.toMatch(/\.$/);
    expect(attestation.rationale).toMatch(/^[A-Z].{30,}\.$/s);
    expect(attestation.rationale.split(/[.;:?!](\s|$)/).filter((part) => part.trim().length > 1).length).toBeLessThan(
      4,
    );
    expect(attestation.evidence.length).toBeGreaterThan(30);
    expect(attestation.status).toBe('stable');
    expect(STAGES).toContain(attestation.requiredFrom);
    expect(attestation.references.length).toBeGreaterThan(0);
    for (const reference of attestation.references) {
      expect(reference.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
      expect(reference.title.length).toBeGreaterThan(5);
    }
    if (attestation.maxAgeDays !== undefined) {
      expect(Number.isInteger(attestation.maxAgeDays)).toBe(true);
      expect(attestation.maxAgeDays).toBeGreaterThanOrEqual(30);
      expect(attestation.maxAgeDays).toBeLessThanOrEqual(366);
    }
  });

  it.each(EXPECTED_IDS)('%s moves earlier only under a condition that can hold', (id) => {
    const attestation = ATTESTATIONS[id as keyof typeof ATTESTATIONS];
    for (const condition of attestation.requiredWhen ?? []) {
      expect(stageRank(condition.from)).toBeLessThan(stageRank(attestation.requiredFrom));
      const facts = [condition.slaAtLeast, condition.peakRpsAtLeast, condition.compliance].filter(
        (fact) => fact !== undefined,
      );
      expect(facts.length).toBeGreaterThan(0);
      if (condition.slaAtLeast !== undefined) {
        expect(condition.slaAtLeast).toBeGreaterThan(90);
        expect(condition.slaAtLeast).toBeLessThan(100);
      }
      if (condition.peakRpsAtLeast !== undefined) expect(condition.peakRpsAtLeast).toBeGreaterThan(0);
      for (const framework of condition.compliance ?? []) expect(COMPLIANCE_FRAMEWORKS).toContain(framework);
    }
  });

  it('gives the stages, conditions and ages chosen for each practice', () => {
    const summary = Object.fromEntries(
      ALL_ATTESTATIONS.map((attestation) => [
        attestation.id,
        [attestation.requiredFrom, attestation.requiredWhen ?? [], attestation.maxAgeDays],
      ]),
    );
    expect(summary).toEqual({
      'backup-restore-tested': ['launch', [], 183],
      'disaster-recovery-drill': [
        'enterprise',
        [{ from: 'growth', slaAtLeast: 99.95, compliance: ['hipaa', 'iso27001'] }],
        365,
      ],
      'load-test-at-peak': ['growth', [{ from: 'launch', peakRpsAtLeast: 500 }], 183],
      'access-review': ['growth', [{ from: 'launch', compliance: ['pci-dss', 'soc2', 'hipaa', 'iso27001'] }], 183],
      'data-retention-policy': ['enterprise', [{ from: 'launch', compliance: ['gdpr', 'hipaa', 'pci-dss'] }], 365],
      'penetration-test': [
        'enterprise',
        [{ from: 'launch', compliance: ['pci-dss', 'soc2', 'hipaa', 'iso27001'] }],
        365,
      ],
      'security-training': [
        'enterprise',
        [{ from: 'launch', compliance: ['soc2', 'hipaa', 'pci-dss', 'iso27001'] }],
        365,
      ],
      'alerting-rules': ['launch', [], undefined],
      'incident-response-runbook': [
        'growth',
        [{ from: 'launch', slaAtLeast: 99.9, compliance: ['soc2', 'hipaa', 'pci-dss', 'iso27001', 'gdpr'] }],
        365,
      ],
      'on-call-rotation': ['growth', [{ from: 'launch', slaAtLeast: 99.9 }], 183],
      'postmortem-practice': ['growth', [], undefined],
      'status-page': ['growth', [{ from: 'launch', slaAtLeast: 99.9 }], undefined],
    });
  });

  it('asks for a data retention policy only under GDPR, HIPAA or PCI DSS, or at enterprise stage', () => {
    const appliesWhen = ATTESTATIONS['data-retention-policy'].appliesWhen;
    if (appliesWhen === undefined) throw new Error('data-retention-policy has no appliesWhen');
    const model = buildModel([], []);
    expect(appliesWhen({ profile: profile(), model })).toBe(false);
    expect(appliesWhen({ profile: profile({ stage: 'growth', compliance: ['soc2', 'iso27001'] }), model })).toBe(false);
    expect(appliesWhen({ profile: profile({ compliance: ['gdpr'] }), model })).toBe(true);
    expect(appliesWhen({ profile: profile({ compliance: ['hipaa'] }), model })).toBe(true);
    expect(appliesWhen({ profile: profile({ compliance: ['soc2', 'pci-dss'] }), model })).toBe(true);
    expect(appliesWhen({ profile: profile({ stage: 'enterprise' }), model })).toBe(true);
  });

  it('leaves the practices only a human can attest without detection, and applicable everywhere', () => {
    expect(ALL_ATTESTATIONS.filter((attestation) => attestation.detect !== undefined).map((a) => a.id)).toEqual(
      [...DETECTING_IDS].sort((a, b) => EXPECTED_IDS.indexOf(a) - EXPECTED_IDS.indexOf(b)),
    );
    expect(ALL_ATTESTATIONS.filter((attestation) => attestation.appliesWhen !== undefined).map((a) => a.id)).toEqual([
      'data-retention-policy',
    ]);
  });
});

describe('attestation detection on fixture repositories', () => {
  it('has a detected and a not-detected case for every attestation that detects, and none for the others', () => {
    const outcomes = new Map<string, Set<string>>();
    for (const fixture of CASES) {
      const set = outcomes.get(fixture.id) ?? new Set<string>();
      set.add(fixture.outcome);
      outcomes.set(fixture.id, set);
    }
    expect([...outcomes.keys()].sort()).toEqual(DETECTING_IDS);
    for (const id of DETECTING_IDS) expect([...(outcomes.get(id) ?? [])].sort()).toEqual(['detected', 'not-detected']);
  });

  it.each(CASES.map((fixture) => [`${fixture.id} ${fixture.outcome} ${fixture.name}`, fixture] as const))(
    '%s',
    (_name, fixture) => {
      const detect = findAttestation(fixture.id)?.detect;
      if (detect === undefined) throw new Error(`${fixture.id} has no detect()`);
      const evidence = detect(modelOf(fixture.directory));
      if (fixture.outcome === 'not-detected') {
        expect(evidence).toBeUndefined();
        return;
      }
      const expected = readExpected(fixture.directory);
      expect(evidence?.file).toBe(expected.file);
      expect(evidence?.line).toBe(expected.line);
      expect(evidence?.description.startsWith(expected.description), evidence?.description).toBe(true);
    },
  );

  it('says that a load test script does not show a recent run at peak', () => {
    const evidence = ATTESTATIONS['load-test-at-peak'].detect?.(
      modelOf(path.join(ATTESTATION_FIXTURES, 'load-test-at-peak', 'detected', 'locust')),
    );
    expect(evidence?.description).toBe(
      'Locust load test scripts found; the date of the last run at peak is not in the repository',
    );
  });

  it('prefers a PrometheusRule with alerts over file names, and counts alerts across rules for runbooks', () => {
    const directory = path.join(ATTESTATION_FIXTURES, 'incident-response-runbook', 'detected', 'alert-runbook-url');
    const model = modelOf(directory);
    expect(ATTESTATIONS['alerting-rules'].detect?.(model)).toEqual({
      file: 'monitoring/alerts.yaml',
      line: 9,
      description: 'PrometheusRule api defines 2 alerts',
    });
  });

  it('finds nothing in an empty model', () => {
    const model = buildModel([], []);
    for (const attestation of ALL_ATTESTATIONS) expect(attestation.detect?.(model)).toBeUndefined();
  });
});
