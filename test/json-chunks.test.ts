import { describe, expect, it } from 'vitest';
import type { Report } from '../src/engine/report-types.js';
import { renderJson, renderJsonChunks } from '../src/report/json.js';

describe('renderJsonChunks', () => {
  it('writes what JSON.stringify writes, for the awkward values too', () => {
    // Not a valid Report: every awkward shape JSON.stringify has a rule for, in a Report's keys.
    const awkward = {
      schemaVersion: '1',
      run: { startedAt: new Date('2026-01-01T00:00:00Z'), skipped: undefined, count: -0 },
      profile: {},
      verdict: { nested: { deeper: { deepest: { list: [1, undefined, () => 1, 'a\nb', { x: undefined }] } } } },
      findings: [[], {}, [[]], null, Number.NaN, 'ünïcode "quoted" \u2028'],
      scenarios: [],
      parseIssues: [undefined],
      rules: [{ id: 'r', because: undefined }],
      attestations: [],
      environments: [{ name: 'prod', findings: [{ message: 'line one\nline two', location: { line: 1 } }] }],
      compliance: {},
      model: { services: [] },
      suppressions: [],
      whatIf: undefined,
    } as unknown as Report;
    expect([...renderJsonChunks(awkward)].join('')).toBe(renderJson(awkward));
  });

  it('gives a large report in many pieces, none of them the whole', () => {
    const findings = Array.from({ length: 2000 }, (_, index) => ({ ruleId: 'r', message: `finding ${index}` }));
    const report = { schemaVersion: '1', findings } as unknown as Report;
    const pieces = [...renderJsonChunks(report)];
    const whole = renderJson(report);
    expect(pieces.join('')).toBe(whole);
    expect(pieces.length).toBeGreaterThan(2000);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(200);
  });
});
