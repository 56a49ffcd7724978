import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanRepository } from '../src/cli/scan.js';
import { parseConfig } from '../src/config/parse.js';
import type { Report } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const ROOT = path.join(REPOSITORY_ROOT, 'fixtures', 'profiles', 'small-saas');

function scanAs(profile: string): Report {
  const parsed = parseConfig(profile);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return scanRepository({
    root: ROOT,
    paths: ['.'],
    exclude: [],
    config: parsed.config,
    version: 'test',
    now: () => new Date('2026-11-29T09:00:00Z'),
  });
}

const PROFILES = {
  prototype: 'stage: prototype\n',
  launch: 'stage: launch\n',
  'launch, sla 99.95': 'stage: launch\nsla: 99.95\n',
  'enterprise, sla 99.95, soc2': 'stage: enterprise\nsla: 99.95\ncompliance: [soc2]\n',
} as const;

const reports = Object.fromEntries(Object.entries(PROFILES).map(([name, text]) => [name, scanAs(text)])) as Record<
  keyof typeof PROFILES,
  Report
>;

function levelsOf(ruleId: string): string[] {
  return Object.values(reports).map((report) => {
    const rule = report.rules.find((candidate) => candidate.id === ruleId);
    return `${rule?.outcome} ${rule?.level}`;
  });
}

describe('the same repository under four profiles', () => {
  it('gives different verdicts: ready as a prototype, not ready later, for different reasons', () => {
    const verdicts = Object.values(reports).map(
      (report) =>
        `${report.verdict.ready ? 'READY' : 'NOT READY'} ${report.verdict.blockerFindings}+${report.verdict.blockerAttestations}`,
    );
    expect(verdicts).toEqual(['READY 0+0', 'NOT READY 0+2', 'NOT READY 3+5', 'NOT READY 9+12']);
  });

  it('moves each failing rule by stage, SLA and framework, as the table says', () => {
    // columns: prototype | launch | launch, sla 99.95 | enterprise, sla 99.95, soc2
    const table: Record<string, string[]> = {
      // required from growth; from launch when sla ≥ 99.9
      'require-liveness-probe': ['fail advice', 'fail next', 'fail blocker', 'fail blocker'],
      'require-multiple-replicas': ['fail advice', 'fail next', 'fail blocker', 'fail blocker'],
      // required from growth; soc2 evidence moves them to launch, enterprise requires them anyway
      'no-automounted-service-account-token': ['fail advice', 'fail next', 'fail next', 'fail blocker'],
      'require-network-policy': ['fail advice', 'fail next', 'fail next', 'fail blocker'],
      'require-seccomp-profile': ['fail advice', 'fail next', 'fail next', 'fail blocker'],
      // required from growth; from launch when sla ≥ 99.9
      'require-telemetry-export': ['fail advice', 'fail next', 'fail blocker', 'fail blocker'],
      // required from enterprise only
      'require-image-digest': ['fail advice', 'fail advice', 'fail advice', 'fail blocker'],
      // required from prototype: holds everywhere
      'no-privileged-container': ['pass blocker', 'pass blocker', 'pass blocker', 'pass blocker'],
      // one replica: nothing to spread
      'require-zone-spread': [
        'not-applicable advice',
        'not-applicable advice',
        'not-applicable blocker',
        'not-applicable blocker',
      ],
    };
    for (const [ruleId, expected] of Object.entries(table)) expect(levelsOf(ruleId), ruleId).toEqual(expected);
  });

  it('says why a practice is required earlier than its stage', () => {
    const sla = reports['launch, sla 99.95'];
    expect(sla.rules.find((rule) => rule.id === 'require-multiple-replicas')?.because).toEqual([
      'required from launch because sla ≥ 99.9',
    ]);
    expect(sla.attestations.find((attestation) => attestation.id === 'on-call-rotation')).toMatchObject({
      level: 'blocker',
      because: ['required from launch because sla ≥ 99.9'],
    });
    const soc2 = reports['enterprise, sla 99.95, soc2'];
    expect(soc2.rules.find((rule) => rule.id === 'require-network-policy')).toMatchObject({
      requiredFrom: 'launch',
      because: ['required from launch as evidence for soc2 CC6.6'],
    });
  });

  it('lists what the next stage adds, and the SOC 2 controls with their status', () => {
    expect(reports.prototype.verdict.nextStage).toEqual({
      stage: 'launch',
      rules: [],
      attestations: ['backup-restore-tested', 'alerting-rules'],
    });
    expect(reports.launch.verdict.nextStage?.rules).toEqual([
      'require-liveness-probe',
      'require-multiple-replicas',
      'no-automounted-service-account-token',
      'require-dropped-capabilities',
      'require-network-policy',
      'require-read-only-root-filesystem',
      'require-seccomp-profile',
      'require-telemetry-export',
    ]);
    expect(reports['enterprise, sla 99.95, soc2'].verdict.nextStage).toBeUndefined();
    const soc2 = reports['enterprise, sla 99.95, soc2'].compliance;
    expect(soc2.map((framework) => framework.framework)).toEqual(['soc2']);
    const status = Object.fromEntries(soc2[0]?.controls.map((control) => [control.id, control.status]) ?? []);
    expect(status['CC6.6']).toBe('failing');
    expect(status['A1.3']).toBe('needs-attestation');
    expect(reports.launch.compliance).toEqual([]);
  });

  it('scores a pillar lower when the same open practice is a blocker rather than advice', () => {
    const availability = Object.values(reports).map((report) => report.verdict.scores.availability);
    expect(availability[0]).toBeGreaterThan(availability[2] ?? 100);
  });
});
