import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type Io, main } from '../src/cli/main.js';
import { parseConfig } from '../src/config/parse.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0.0
`;

function repository(config: string | undefined): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-config-'));
  fs.mkdirSync(path.join(root, 'k8s'));
  fs.writeFileSync(path.join(root, 'k8s', 'api.yaml'), DEPLOYMENT);
  if (config !== undefined) fs.writeFileSync(path.join(root, 'prodready.yaml'), config);
  return root;
}

async function scan(root: string, extra: readonly string[] = []) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd: root,
  };
  const code = await main(['scan', '--format', 'json', '--fail-on', 'none', ...extra], io);
  return { code, stdout, stderr };
}

describe('prodready.yaml validation', () => {
  const invalid: readonly [string, string, readonly string[]][] = [
    ['a wrong type', 'stage: launch\nsla: "high"\n', ['prodready.yaml:2:1', 'sla is "high"', 'expected a number']],
    [
      'an unknown key',
      'stage: launch\nstagee: growth\n',
      ['prodready.yaml:2:1', 'unknown key "stagee"', 'stage, sla, rto'],
    ],
    [
      'a bad stage',
      'stage: beta\n',
      ['prodready.yaml:1:1', 'stage is "beta"', 'prototype, launch, growth, enterprise'],
    ],
    ['a bad duration', 'rto: 15 minutes\n', ['prodready.yaml:1:1', 'rto is "15 minutes"', '30s, 15m, 1h or 2d']],
    [
      'an unknown framework',
      'compliance:\n  - soc2\n  - fedramp\n',
      ['prodready.yaml:3:5', 'compliance[1] is "fedramp"', 'soc2, hipaa, pci-dss, gdpr, iso27001'],
    ],
    ['an SLA out of range', 'sla: 100\n', ['sla is 100', 'below 100']],
    [
      'a bad date in an attestation',
      'attestations:\n  on-call-rotation:\n    by: Dana\n    date: 2026-02-30\n    evidence: https://example.com\n',
      ['prodready.yaml:4:5', 'attestations.on-call-rotation.date is "2026-02-30"', 'YYYY-MM-DD'],
    ],
    ['a suppression without a reason', 'ignore:\n  - rule: no-bare-pod\n', ['ignore[0].reason is missing', 'required']],
    [
      'a bad override level',
      'overrides:\n  no-bare-pod:\n    level: critical\n    reason: legacy\n',
      ['overrides.no-bare-pod.level is "critical"', 'blocker, next, advice, off'],
    ],
    ['invalid YAML', 'stage: [launch\n', ['not valid YAML']],
    [
      'an override of an unknown rule',
      'overrides:\n  require-everything:\n    level: off\n    reason: typo\n',
      ['overrides.require-everything: no rule has this id'],
    ],
    [
      'an attestation of an unknown practice',
      'attestations:\n  chaos-day:\n    by: Dana\n    date: 2026-01-10\n    evidence: https://example.com\n',
      ['attestations.chaos-day: no practice has this id', 'on-call-rotation'],
    ],
  ];

  it.each(invalid)('rejects %s with exit 2, the key path and what is accepted', async (_name, text, expected) => {
    const result = await scan(repository(text));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    for (const part of expected) expect(result.stderr).toContain(part);
  });

  it('uses a valid file for the profile, and --config over the one found', async () => {
    const root = repository(
      'stage: growth\nsla: 99.95\nrto: 1h\nrpo: 15m\npeakRps: 800\ncompliance: [soc2]\ncloud: azure\n',
    );
    const found = JSON.parse((await scan(root)).stdout);
    expect(found.profile).toEqual({
      stage: 'growth',
      sla: 99.95,
      rto: '1h',
      rpo: '15m',
      peakRps: 800,
      compliance: ['soc2'],
      cloud: 'azure',
    });
    expect(found.verdict.coverage.config).toBe('prodready.yaml');
    fs.writeFileSync(path.join(root, 'other.yaml'), 'stage: prototype\n');
    const explicit = JSON.parse((await scan(root, ['--config', 'other.yaml'])).stdout);
    expect(explicit.profile).toEqual({ stage: 'prototype', compliance: [] });
    const missing = await scan(root, ['--config', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"nope.yaml" does not exist');
  });

  it('falls back to stage launch without a file, and says so', async () => {
    const report = JSON.parse((await scan(repository(undefined))).stdout);
    expect(report.profile).toEqual({ stage: 'launch', compliance: [] });
    expect(report.verdict.coverage.config).toBeUndefined();
  });

  it('publishes a JSON Schema that accepts the valid files and rejects the invalid ones', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'schemas/prodready.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const valid =
      'stage: growth\nsla: 99.9\ncompliance: [hipaa]\nignore:\n  - rule: no-bare-pod\n    reason: debug pods\n    until: 2027-01-31\n';
    expect(parseConfig(valid).ok).toBe(true);
    expect(validate(parseYaml(valid))).toBe(true);
    for (const text of ['stage: beta\n', 'stagee: launch\n', 'rto: 15 minutes\n', 'compliance: [fedramp]\n']) {
      expect(parseConfig(text).ok, text).toBe(false);
      expect(validate(parseYaml(text)), text).toBe(false);
    }
  });
});
