import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './fixtures.js';

/** Layers in pipeline order; a module may import only from its own layer or earlier ones. */
const LAYERS: Readonly<Record<string, number>> = {
  core: 0,
  reference: 0,
  config: 1,
  discover: 2,
  parse: 3,
  model: 4,
  rules: 5,
  attestations: 5,
  scenarios: 5,
  engine: 6,
  report: 7,
  store: 8,
  server: 9,
  cli: 10,
};

/** Only these layers may touch the file system, processes or the process object. */
const IO_LAYERS = new Set(['discover', 'store', 'server', 'cli']);
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|process|worker_threads|net|http|https)$/;

interface SourceModule {
  readonly file: string;
  readonly text: string;
}

function layerOf(file: string): string | undefined {
  const match = /^src\/([^/]+)\//.exec(file);
  return match?.[1];
}

/** Import violations in a set of modules (paths relative to the repository, `/`-separated). */
function findViolations(modules: readonly SourceModule[]): string[] {
  const violations: string[] = [];
  for (const module of modules) {
    const layer = layerOf(module.file);
    if (layer === undefined) continue;
    const rank = LAYERS[layer];
    if (rank === undefined) {
      violations.push(`${module.file}: folder src/${layer} has no layer in the architecture test`);
      continue;
    }
    const specifiers = [...module.text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
      (match) => match[1] ?? '',
    );
    const dynamic = [...module.text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? '');
    for (const specifier of [...specifiers, ...dynamic]) {
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(module.file), specifier));
        const targetLayer = layerOf(target);
        if (targetLayer === undefined) continue;
        const targetRank = LAYERS[targetLayer] ?? Number.POSITIVE_INFINITY;
        if (targetRank > rank) violations.push(`${module.file}: ${layer} imports ${targetLayer} (${specifier})`);
        if ((layer === 'rules' && targetLayer === 'scenarios') || (layer === 'scenarios' && targetLayer === 'rules')) {
          violations.push(`${module.file}: ${layer} imports ${targetLayer} (${specifier})`);
        }
        if ((layer === 'rules' || layer === 'scenarios') && (targetLayer === 'parse' || targetLayer === 'discover')) {
          violations.push(`${module.file}: ${layer} must read the model, not ${targetLayer} (${specifier})`);
        }
      } else if (IO_MODULES.test(specifier) && !IO_LAYERS.has(layer)) {
        violations.push(`${module.file}: ${layer} may not import ${specifier}`);
      }
    }
    if (!IO_LAYERS.has(layer) && /\bprocess\.(env|exit|stdout|stderr|argv|cwd)/.test(module.text)) {
      violations.push(`${module.file}: ${layer} may not use the process object`);
    }
  }
  return violations;
}

function sourceModules(): SourceModule[] {
  const modules: SourceModule[] = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const file = path.relative(REPOSITORY_ROOT, absolute).split(path.sep).join('/');
        modules.push({ file, text: fs.readFileSync(absolute, 'utf8') });
      }
    }
  };
  walk(path.join(REPOSITORY_ROOT, 'src'));
  return modules;
}

describe('architecture', () => {
  it('has no import that points backwards in the pipeline, and I/O only at the edges', () => {
    const modules = sourceModules();
    expect(modules.length).toBeGreaterThan(20);
    expect(findViolations(modules)).toEqual([]);
  });

  it('catches a backward import, I/O in a pure layer and a rule reading the parser', () => {
    const violations = findViolations([
      { file: 'src/model/build.ts', text: "import { evaluate } from '../engine/evaluate.js';" },
      { file: 'src/parse/x.ts', text: "import fs from 'node:fs';\nconst a = process.env.HOME;" },
      { file: 'src/rules/security/x.ts', text: "import type { SourceFile } from '../../parse/kubernetes.js';" },
      { file: 'src/report/y.ts', text: "const m = await import('../cli/main.js');" },
      { file: 'src/cli/main.ts', text: "import fs from 'node:fs';\nimport { x } from '../report/json.js';" },
    ]);
    expect(violations).toEqual([
      'src/model/build.ts: model imports engine (../engine/evaluate.js)',
      'src/parse/x.ts: parse may not import node:fs',
      'src/parse/x.ts: parse may not use the process object',
      'src/rules/security/x.ts: rules must read the model, not parse (../../parse/kubernetes.js)',
      'src/report/y.ts: report imports cli (../cli/main.js)',
    ]);
  });
});
