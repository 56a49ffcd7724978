import fs from 'node:fs';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..');
export const RULE_FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'rules');
export const EXPECTED_FILE = 'expected-findings.txt';
export const EXPECTED_UNDECIDED_FILE = 'expected-undecided.txt';
export const OUTCOMES = ['pass', 'fail', 'unknown'] as const;

export interface RuleFixtureCase {
  readonly ruleId: string;
  readonly outcome: (typeof OUTCOMES)[number];
  readonly name: string;
  readonly directory: string;
  /** For fail cases: `rule-id message-id file:line:column`, one per expected finding. */
  readonly expected: readonly string[];
  /** For unknown cases: `rule-id file:line:column`, one per place the rule could not decide. */
  readonly expectedUndecided: readonly string[];
}

function readLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Every case under fixtures/rules/<rule-id>/{pass,fail}/<case>/, sorted. */
export function ruleFixtureCases(): RuleFixtureCase[] {
  if (!fs.existsSync(RULE_FIXTURES)) return [];
  const cases: RuleFixtureCase[] = [];
  for (const ruleId of fs.readdirSync(RULE_FIXTURES).sort()) {
    for (const outcome of OUTCOMES) {
      const outcomeDirectory = path.join(RULE_FIXTURES, ruleId, outcome);
      if (!fs.existsSync(outcomeDirectory)) continue;
      for (const name of fs.readdirSync(outcomeDirectory).sort()) {
        const directory = path.join(outcomeDirectory, name);
        if (!fs.statSync(directory).isDirectory()) continue;
        const expected = readLines(path.join(directory, EXPECTED_FILE));
        const expectedUndecided = readLines(path.join(directory, EXPECTED_UNDECIDED_FILE));
        cases.push({ ruleId, outcome, name, directory, expected, expectedUndecided });
      }
    }
  }
  return cases;
}

/** The files of a fixture case (not the expectations), relative to the case, sorted. */
export function caseFiles(directory: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const absolute = path.join(current, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.name !== EXPECTED_FILE && entry.name !== EXPECTED_UNDECIDED_FILE) {
        files.push({
          path: path.relative(directory, absolute).split(path.sep).join('/'),
          text: fs.readFileSync(absolute, 'utf8'),
        });
      }
    }
  };
  walk(directory);
  return files;
}
