import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/cli/config-file.js';
import { main } from '../src/cli/main.js';
import { scanRepository } from '../src/cli/scan.js';
import type { ReportAttestation } from '../src/engine/report-types.js';

const TODAY = new Date('2026-11-29T10:00:00Z');

const ALERTS = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: api-alerts
spec:
  groups:
    - name: api
      rules:
        - alert: ApiErrorRateHigh
          expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1
          annotations:
            runbook_url: https://runbooks.example.com/api-errors
`;

function scanWith(config: string, files: Record<string, string> = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-attest-'));
  fs.writeFileSync(path.join(root, 'prodready.yaml'), config);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const loaded = loadConfig(root, undefined, ['.']);
  return scanRepository({
    root,
    paths: ['.'],
    exclude: [],
    config: loaded.config,
    configLocations: loaded.locations,
    configFile: 'prodready.yaml',
    version: 'test',
    now: () => TODAY,
  });
}

function state(attestations: readonly ReportAttestation[], id: string): ReportAttestation | undefined {
  return attestations.find((attestation) => attestation.id === id);
}

describe('attestations', () => {
  it('reports a missing required practice as a blocker that makes the verdict NOT READY', () => {
    const report = scanWith('stage: launch\n');
    const backup = state(report.attestations, 'backup-restore-tested');
    expect(backup).toMatchObject({ state: 'missing', level: 'blocker', requiredFrom: 'launch' });
    expect(report.findings).toEqual([]);
    expect(report.verdict.ready).toBe(false);
    expect(report.verdict.blockerFindings).toBe(0);
    expect(report.verdict.blockerAttestations).toBe(
      report.attestations.filter((item) => item.level === 'blocker' && item.state === 'missing').length,
    );
  });

  it('counts a recent answer as attested, until its date plus the maximum age', () => {
    const report = scanWith(
      'stage: launch\nattestations:\n  backup-restore-tested:\n    by: Dana Ops\n    date: 2026-10-01\n    evidence: https://wiki.example.com/restore-2026-10\n',
    );
    expect(state(report.attestations, 'backup-restore-tested')).toMatchObject({
      state: 'attested',
      attested: { by: 'Dana Ops', date: '2026-10-01', evidence: 'https://wiki.example.com/restore-2026-10' },
      expires: '2027-04-02',
    });
  });

  it('expires an answer older than the maximum age', () => {
    const report = scanWith(
      'stage: launch\nattestations:\n  backup-restore-tested:\n    by: Dana Ops\n    date: 2026-01-15\n    evidence: https://wiki.example.com/restore-2026-01\n',
    );
    expect(state(report.attestations, 'backup-restore-tested')).toMatchObject({
      state: 'expired',
      expires: '2026-07-17',
      level: 'blocker',
    });
    expect(report.verdict.ready).toBe(false);
  });

  it('expires an answer past its own expires date, even within the maximum age', () => {
    const report = scanWith(
      'stage: launch\nattestations:\n  backup-restore-tested:\n    by: Dana Ops\n    date: 2026-11-01\n    evidence: https://wiki.example.com/restore\n    expires: 2026-11-15\n',
    );
    expect(state(report.attestations, 'backup-restore-tested')).toMatchObject({
      state: 'expired',
      expires: '2026-11-15',
    });
  });

  it('detects alerting rules and a runbook from the files, with no human answer', () => {
    const report = scanWith('stage: launch\n', { 'monitoring/alerts.yaml': ALERTS });
    expect(state(report.attestations, 'alerting-rules')).toMatchObject({
      state: 'detected',
      detected: { file: 'monitoring/alerts.yaml', line: 9 },
    });
    expect(state(report.attestations, 'incident-response-runbook')?.state).toBe('detected');
  });

  it('marks a practice not applicable to the profile, and leaves it out of the verdict', () => {
    const report = scanWith('stage: launch\n');
    expect(state(report.attestations, 'data-retention-policy')?.state).toBe('not-applicable');
    const withGdpr = scanWith('stage: launch\ncompliance: [gdpr]\n');
    expect(state(withGdpr.attestations, 'data-retention-policy')).toMatchObject({ state: 'missing', level: 'blocker' });
  });
});

describe('the verdict and exit code with attestations', () => {
  async function exitCode(config: string): Promise<{ code: number; stdout: string }> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-verdict-'));
    fs.writeFileSync(path.join(root, 'prodready.yaml'), config);
    let stdout = '';
    const code = await main(['scan'], {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: () => true },
      env: {},
      cwd: root,
    });
    return { code, stdout };
  }

  it('fails on a missing required practice even with no findings, and passes once it is attested', async () => {
    const missing = await exitCode('stage: launch\n');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('NOT READY for launch: 2 blockers (2 practices to attest).');
    const today = new Date().toISOString().slice(0, 10);
    const attested = await exitCode(
      `stage: launch\nattestations:\n  backup-restore-tested:\n    by: Dana\n    date: ${today}\n    evidence: https://wiki.example.com/restore\n  alerting-rules:\n    by: Dana\n    date: ${today}\n    evidence: https://grafana.example.com/alerting\n`,
    );
    expect(attested.stdout).toContain('READY for launch: no blockers.');
    expect(attested.code).toBe(0);
  });
});
