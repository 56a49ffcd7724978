import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { ruleFixtureCases } from './fixtures.js';

const cases = ruleFixtureCases();
let parsers: Awaited<ReturnType<typeof loadParsers>> = {};
beforeAll(async () => {
  parsers = await loadParsers();
});
const byRule = new Map<string, typeof cases>();
for (const fixture of cases) byRule.set(fixture.ruleId, [...(byRule.get(fixture.ruleId) ?? []), fixture]);

for (const [ruleId, ruleCases] of byRule) {
  describe(ruleId, () => {
    const passOutcomes: string[] = [];
    for (const fixture of ruleCases) {
      it(`${fixture.outcome}: ${fixture.name}`, () => {
        const report = scanRepository({
          root: fixture.directory,
          paths: ['.'],
          exclude: [],
          config: DEFAULT_CONFIG,
          version: 'test',
          parsers,
        });
        // A fixture whose YAML does not parse tests nothing; a case the rule cannot decide may
        // hold a value of the wrong type on purpose.
        if (fixture.outcome !== 'unknown') expect(report.parseIssues).toEqual([]);
        const found = report.findings
          .filter((finding) => finding.ruleId === ruleId && finding.suppressed === undefined)
          .map(
            (finding) =>
              `${finding.ruleId} ${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
          );
        const outcome = report.rules.find((rule) => rule.id === ruleId)?.outcome;
        const undecided = report.verdict.coverage.undecided
          .filter((item) => item.ruleId === ruleId)
          .map((item) => `${item.ruleId} ${item.file}:${item.line}:${item.column}`);
        if (fixture.outcome === 'pass') {
          expect(found).toEqual([]);
          expect(undecided).toEqual([]);
          expect(['pass', 'not-applicable']).toContain(outcome);
          passOutcomes.push(outcome ?? '');
        } else if (fixture.outcome === 'fail') {
          expect(fixture.expected.length).toBeGreaterThan(0);
          expect(found).toEqual(fixture.expected);
          expect(outcome).toBe('fail');
        } else {
          expect(fixture.expectedUndecided.length).toBeGreaterThan(0);
          expect(found).toEqual([]);
          expect(undecided).toEqual(fixture.expectedUndecided);
          expect(outcome).toBe('unknown');
        }
      });
    }
    it('has a pass case in which the rule applies and holds', () => {
      expect(passOutcomes).toContain('pass');
    });
  });
}
