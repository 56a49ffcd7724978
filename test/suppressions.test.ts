import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { parseConfig } from '../src/config/parse.js';

function scan(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-suppress-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return scanRepository({ root, paths: ['.'], exclude: [], config: DEFAULT_CONFIG, version: 'test' });
}

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${extra}spec:
  containers:
    - name: main
      image: busybox
      securityContext:
        privileged: true
`;

describe('suppressions', () => {
  it('keeps a finding suppressed by annotation visible, with its reason, and out of the blockers', () => {
    const report = scan({
      'a.yaml': pod(
        'debug',
        '  annotations:\n    prodready.dev/ignore: "no-privileged-container: node debugging, removed after use"\n',
      ),
    });
    const finding = report.findings.find((candidate) => candidate.ruleId === 'no-privileged-container');
    expect(finding?.suppressed).toEqual({ reason: 'node debugging, removed after use' });
    expect(finding?.location).toEqual({ file: 'a.yaml', line: 12, column: 9 });
    expect(report.findings.filter((candidate) => candidate.suppressed !== undefined)).toHaveLength(1);
    expect(report.verdict.blockerFindings).toBe(
      report.findings.filter((candidate) => candidate.level === 'blocker' && candidate.suppressed === undefined).length,
    );
  });

  it('applies comment suppressions by scope and reports unused, reasonless and unknown ones', () => {
    const text = `# prodready-ignore no-latest-image-tag: toolbox image, always latest by design
${pod('toolbox').replace('        privileged: true', '        privileged: true # prodready-ignore no-privileged-container')}---
# prodready-ignore require-readiness-probe: no service selects this pod
# prodready-ignore no-such-rule: typo
${pod('second')}`;
    const report = scan({ 'k8s/pods.yaml': text });
    const summary = report.findings
      .filter((finding) => finding.ruleId === 'no-latest-image-tag' || finding.ruleId === 'no-privileged-container')
      .map((finding) => `${finding.ruleId} ${finding.location.line} ${finding.suppressed?.reason ?? '-'}`);
    expect(summary).toEqual([
      'no-latest-image-tag 9 toolbox image, always latest by design',
      'no-privileged-container 11 -',
      'no-latest-image-tag 22 -',
      'no-privileged-container 24 -',
    ]);
    expect(report.suppressions).toEqual([
      { ruleId: 'no-privileged-container', file: 'k8s/pods.yaml', line: 11, column: 1, problem: 'no-reason' },
      { ruleId: 'require-readiness-probe', file: 'k8s/pods.yaml', line: 13, column: 1, problem: 'unused' },
      { ruleId: 'no-such-rule', file: 'k8s/pods.yaml', line: 14, column: 1, problem: 'unknown-rule' },
    ]);
  });
});

describe('suppressions in prodready.yaml', () => {
  function scanWithConfig(configText: string, files: Record<string, string>) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-ignore-'));
    for (const [file, text] of Object.entries({ ...files, 'prodready.yaml': configText })) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const result = parseConfig(configText);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return scanRepository({
      root,
      paths: ['.'],
      exclude: [],
      config: result.config,
      configLocations: result.locations,
      configFile: 'prodready.yaml',
      version: 'test',
      now: () => new Date('2026-11-29T00:00:00Z'),
    });
  }

  const files = {
    'k8s/debug.yaml': pod('debug'),
    'k8s/legacy/tool.yaml': pod('tool'),
  };

  it('applies by rule, path and object, keeps the reason and until, and reports unused and expired entries', () => {
    const report = scanWithConfig(
      `ignore:
  - rule: no-privileged-container
    path: k8s/legacy/
    reason: vendor tool, replaced in Q1
    until: 2027-03-31
  - rule: no-latest-image-tag
    object: Pod/default/debug
    reason: debug pod, deleted after the incident
  - rule: no-bare-pod
    reason: expired exception
    until: 2026-06-30
  - rule: require-readiness-probe
    path: services/
    reason: nothing matches this
`,
      files,
    );
    const shown = (ruleId: string) =>
      report.findings
        .filter((finding) => finding.ruleId === ruleId)
        .map((finding) => `${finding.location.file} ${JSON.stringify(finding.suppressed ?? null)}`);
    expect(shown('no-privileged-container')).toEqual([
      'k8s/debug.yaml null',
      'k8s/legacy/tool.yaml {"reason":"vendor tool, replaced in Q1","until":"2027-03-31"}',
    ]);
    expect(shown('no-latest-image-tag')).toEqual([
      'k8s/debug.yaml {"reason":"debug pod, deleted after the incident"}',
      'k8s/legacy/tool.yaml null',
    ]);
    expect(shown('no-bare-pod')).toEqual(['k8s/debug.yaml null', 'k8s/legacy/tool.yaml null']);
    expect(report.suppressions).toEqual([
      { ruleId: 'no-bare-pod', file: 'prodready.yaml', line: 9, column: 5, problem: 'expired' },
      { ruleId: 'require-readiness-probe', file: 'prodready.yaml', line: 12, column: 5, problem: 'unused' },
    ]);
  });
});
