import fs from 'node:fs';
import path from 'node:path';
import { ALL_ATTESTATIONS } from '../src/attestations/index.js';
import { configJsonSchema } from '../src/config/schema.js';
import { REPORT_SCHEMA } from '../src/engine/report-schema.js';
import { COMPLIANCE_CONTROLS } from '../src/reference/compliance.js';
import {
  type FixtureExample,
  GENERATED_NOTICE,
  renderCatalogueMarkdown,
  renderLevelsDoc,
  renderRuleDoc,
  ruleDocPath,
} from '../src/report/catalogue.js';
import { ALL_RULES } from '../src/rules/index.js';
import { caseFiles, REPOSITORY_ROOT, ruleFixtureCases } from '../test/fixtures.js';

export const RULE_DOCS_DIRECTORY = path.join(REPOSITORY_ROOT, 'docs', 'rules');

/** Every generated documentation file, by repository-relative path. */
export function generateDocs(): Map<string, string> {
  const documents = new Map<string, string>();
  const cases = ruleFixtureCases();
  for (const rule of ALL_RULES) {
    const examples: FixtureExample[] = cases
      .filter((fixture) => fixture.ruleId === rule.id)
      .map((fixture) => ({
        caseName: fixture.name,
        outcome: fixture.outcome,
        files: caseFiles(fixture.directory),
        expected: fixture.expected,
        expectedUndecided: fixture.expectedUndecided,
      }));
    documents.set(ruleDocPath(rule), renderRuleDoc(rule, examples));
  }
  const catalogue = [
    GENERATED_NOTICE,
    '',
    '# Rule catalogue',
    '',
    `${ALL_RULES.length} rules across the pillars. The level of a finding depends on the profile's stage: a rule is a`,
    '**blocker** from its "required from" stage on, **next** one stage before, and **advice** earlier.',
    'The same list is printed by `prodready rules` (`--format json|markdown`).',
    '',
    renderCatalogueMarkdown(ALL_RULES),
  ].join('\n');
  documents.set('docs/rules/README.md', catalogue);
  documents.set('docs/levels.md', renderLevelsDoc(ALL_RULES, ALL_ATTESTATIONS, COMPLIANCE_CONTROLS));
  return documents;
}

/** Generated files on disk that the generator would no longer write. */
export function staleDocs(documents: ReadonlyMap<string, string>): string[] {
  if (!fs.existsSync(RULE_DOCS_DIRECTORY)) return [];
  return fs
    .readdirSync(RULE_DOCS_DIRECTORY)
    .map((name) => `docs/rules/${name}`)
    .filter((file) => !documents.has(file));
}

/** Published JSON Schemas, by repository-relative path. */
export function generateSchemas(): Map<string, string> {
  return new Map([
    ['schemas/report.schema.json', `${JSON.stringify(REPORT_SCHEMA, null, 2)}\n`],
    ['schemas/prodready.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`],
  ]);
}
