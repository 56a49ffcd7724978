import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';

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
    expect(report.verdict.blockers).toBe(
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
