import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changeOneFile, generateMonorepo } from '../bench/generate.js';
import { END_MARKER, measureSize, renderBlock, replaceBlock, type SizeResult, START_MARKER } from '../bench/run.js';

const OBJECTS = 300;
const temporary: string[] = [];

function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-bench-test-'));
  temporary.push(directory);
  return directory;
}

/** Every file under `root` with its bytes, keyed by POSIX path relative to the root. */
function readTree(root: string): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else tree.set(path.relative(root, absolute).split(path.sep).join('/'), fs.readFileSync(absolute));
    }
  };
  walk(root);
  return tree;
}

afterAll(() => {
  for (const directory of temporary) fs.rmSync(directory, { recursive: true, force: true });
});

describe('bench/generate.ts', () => {
  it('writes a byte-identical tree for the same seed and a different one for another seed', () => {
    const first = temporaryDirectory();
    const second = temporaryDirectory();
    const other = temporaryDirectory();
    const summary = generateMonorepo({ root: first, objects: OBJECTS, seed: 7 });
    generateMonorepo({ root: second, objects: OBJECTS, seed: 7 });
    generateMonorepo({ root: other, objects: OBJECTS, seed: 8 });
    const firstTree = readTree(first);
    const secondTree = readTree(second);
    expect([...secondTree.keys()].sort()).toEqual([...firstTree.keys()].sort());
    for (const [file, bytes] of firstTree) expect(secondTree.get(file)?.equals(bytes), file).toBe(true);
    expect(readTree(other)).not.toEqual(firstTree);

    expect(firstTree.size).toBe(summary.files);
    expect([...firstTree.values()].reduce((total, bytes) => total + bytes.length, 0)).toBe(summary.bytes);
    expect(summary.objects).toBeGreaterThanOrEqual(OBJECTS);
    expect(summary.objects).toBeLessThan(OBJECTS + 30);
    const files = [...firstTree.keys()];
    expect(files).toContain('.gitlab-ci.yml');
    expect(files).toContain('infra/env/prod.tfvars');
    expect(files.some((file) => /^services\/[^/]+\/k8s\/overlays\/prod\/kustomization\.yaml$/.test(file))).toBe(true);
    expect(files.some((file) => /^services\/[^/]+\/deploy\/[^/]+\.yaml$/.test(file))).toBe(true);
  });

  it('changes one Kubernetes manifest, the same one each time', () => {
    const first = temporaryDirectory();
    const second = temporaryDirectory();
    generateMonorepo({ root: first, objects: OBJECTS, seed: 3 });
    generateMonorepo({ root: second, objects: OBJECTS, seed: 3 });
    const before = readTree(first);
    const changed = changeOneFile(first);
    expect(path.relative(second, changeOneFile(second))).toBe(path.relative(first, changed));
    const after = readTree(first);
    const differing = [...after.keys()].filter((file) => !after.get(file)?.equals(before.get(file) ?? Buffer.alloc(0)));
    expect(differing).toEqual([path.relative(first, changed).split(path.sep).join('/')]);
  });
});

describe('bench/run.ts', () => {
  let result: SizeResult | undefined;

  it('measures a small repository end to end with finite, positive figures', async () => {
    // The benchmark's smallest size, once: CI checks that the benchmark still works, not its times.
    result = await measureSize({ objects: 1000, seed: 1, runs: 1 });
    const figures = [
      result.files,
      result.bytes,
      result.objects,
      result.parseFloorMs,
      result.parseFloorMegabytesPerSecond,
      result.coldScanMs,
      result.ratio,
      result.filesPerSecond,
      result.objectsPerSecond,
      result.peakRssMebibytes,
      result.warmScanMs,
      result.warmPercent,
    ];
    for (const figure of figures) {
      expect(Number.isFinite(figure)).toBe(true);
      expect(figure).toBeGreaterThan(0);
    }
    expect(result.size).toBe(1000);
    expect(result.scanned.parseIssues).toBe(0);
    expect(Math.abs(result.scanned.kubernetesObjects - result.objects)).toBeLessThanOrEqual(result.objects * 0.05);
  }, 120_000);

  it('renders the row and the goals between the markers, keeping prose around them', () => {
    if (result === undefined) throw new Error('the measuring test did not run');
    const block = renderBlock({
      command: 'npm run bench -- --sizes 1000',
      date: '2026-01-01',
      results: [result],
      startupMs: 90,
    });
    expect(block.startsWith(START_MARKER)).toBe(true);
    expect(block.endsWith(END_MARKER)).toBe(true);
    expect(block).toMatch(/^\| 1,000 \| [\d,]+ \| [\d.]+ \| [\d,]+ \| /m);
    expect(block).toContain('| `prodready --version` ≤ 150 ms | met |');
    expect(block).toContain('| 50,000 objects: cold scan ≤ 5 s and peak RSS ≤ 1 GiB | not measured |');

    const document = `# Benchmarks\n\nWritten by hand.\n\n${START_MARKER}\nold table\n${END_MARKER}\n\nMore prose.\n`;
    const replaced = replaceBlock(document, block);
    expect(replaced).toBe(`# Benchmarks\n\nWritten by hand.\n\n${block}\n\nMore prose.\n`);
    expect(replaceBlock(replaced, block)).toBe(replaced);
  });
});
