import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { ruleFixtureCases } from './fixtures.js';

const cases = ruleFixtureCases();
const byRule = new Map<string, typeof cases>();
for (const fixture of cases) byRule.set(fixture.ruleId, [...(byRule.get(fixture.ruleId) ?? []), fixture]);

for (const [ruleId, ruleCases] of byRule) {
  describe(ruleId, () => {
    for (const fixture of ruleCases) {
      it(`${fixture.outcome}: ${fixture.name}`, () => {
        const report = scanRepository({
          root: fixture.directory,
          paths: ['.'],
          exclude: [],
          config: DEFAULT_CONFIG,
          version: 'test',
        });
        // A fixture whose YAML does not parse tests nothing.
        expect(report.parseIssues).toEqual([]);
        const found = report.findings
          .filter((finding) => finding.ruleId === ruleId && finding.suppressed === undefined)
          .map(
            (finding) =>
              `${finding.ruleId} ${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
          );
        if (fixture.outcome === 'pass') {
          expect(found).toEqual([]);
        } else {
          expect(fixture.expected.length).toBeGreaterThan(0);
          expect(found).toEqual(fixture.expected);
        }
      });
    }
  });
}
