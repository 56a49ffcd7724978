/**
 * Scaffolds a rule: `npm run new-rule -- <pillar> <rule-id>` writes the rule file, one pass and
 * one fail fixture to fill in, and registers the rule in its pillar's index.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isPillar } from '../src/core/vocabulary.js';
import { REPOSITORY_ROOT } from '../test/fixtures.js';

const [pillar, id] = process.argv.slice(2);
if (
  pillar === undefined ||
  id === undefined ||
  !isPillar(pillar) ||
  !/^(require|no)-[a-z0-9]+(-[a-z0-9]+)*$/.test(id)
) {
  process.stderr.write(
    'Usage: npm run new-rule -- <pillar> <rule-id>\n  pillar: availability, scalability, security, delivery, operations or cost\n  rule-id: kebab-case starting with require- or no-\n',
  );
  process.exit(2);
}

const ruleFile = path.join(REPOSITORY_ROOT, 'src', 'rules', pillar, `${id}.ts`);
if (fs.existsSync(ruleFile)) {
  process.stderr.write(`${path.relative(REPOSITORY_ROOT, ruleFile)} already exists.\n`);
  process.exit(2);
}
const camel = id.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

fs.writeFileSync(
  ruleFile,
  `import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: '${id}',
  pillar: '${pillar}',
  title: 'TODO: what the rule asks for',
  rationale: 'TODO: why it matters in production.',
  remediation: 'TODO: say what to change, in the imperative.',
  requiredFrom: 'launch',
  status: 'experimental',
  references: [{ title: 'TODO', url: 'https://kubernetes.io/docs/' }],
  messages: {
    todo: (data: { workload: string }) => \`TODO: \${data.workload}\`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (workload.name !== '') continue;
      report({ messageId: 'todo', data: { workload: describeNode(workload) }, node: workload, at: pointerTo(workload.source, 'metadata', 'name') });
    }
  },
});
`,
);

const indexFile = path.join(REPOSITORY_ROOT, 'src', 'rules', pillar, 'index.ts');
const index = fs.readFileSync(indexFile, 'utf8');
const imports = [...index.matchAll(/^import (\w+) from '\.\/([\w-]+)\.js';$/gm)].map((match) => ({
  name: match[1] ?? '',
  id: match[2] ?? '',
}));
imports.push({ name: camel, id });
imports.sort((a, b) => (a.id < b.id ? -1 : 1));
const exportName = /export const (\w+)/.exec(index)?.[1] ?? `${pillar}Rules`;
fs.writeFileSync(
  indexFile,
  [
    "import type { Rule } from '../define-rule.js';",
    ...imports.map((entry) => `import ${entry.name} from './${entry.id}.js';`),
    '',
    `export const ${exportName} = {`,
    ...imports.map((entry) => `  '${entry.id}': ${entry.name},`),
    '} satisfies Record<string, Rule>;',
    '',
  ].join('\n'),
);

for (const outcome of ['pass', 'fail']) {
  const directory = path.join(REPOSITORY_ROOT, 'fixtures', 'rules', id, outcome, 'todo', 'k8s');
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, 'app.yaml'), '# TODO: a tiny manifest that the rule should accept or reject\n');
}
fs.writeFileSync(
  path.join(REPOSITORY_ROOT, 'fixtures', 'rules', id, 'fail', 'todo', 'expected-findings.txt'),
  `# one line per expected finding: ${id} <message-id> <file>:<line>:<column>\n`,
);
process.stdout.write(
  `Created ${path.relative(REPOSITORY_ROOT, ruleFile)}, its fixtures, and registered it. Then: npm run docs && npm test\n`,
);
