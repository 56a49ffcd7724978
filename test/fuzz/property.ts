/**
 * The robustness property: a scan of any repository never throws, and its report is valid
 * against schemas/report.schema.json with every location a repository-relative file and a line ≥ 1.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DEFAULT_CONFIG, scanRepository } from '../../src/cli/scan.js';
import type { RepoPath } from '../../src/core/source.js';
import { resolvePointer } from '../../src/core/source.js';
import { classify } from '../../src/discover/classify.js';
import type { Discovery, SourceFile } from '../../src/discover/discover.js';
import { toRepoPath } from '../../src/discover/repo-path.js';
import { REPORT_SCHEMA } from '../../src/engine/report-schema.js';
import type { Report } from '../../src/engine/report-types.js';
import { buildModel } from '../../src/model/build.js';
import { type ParseOptions, parseSources } from '../../src/parse/parse-sources.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { GeneratedRepository } from './arbitraries.js';

// The schema schemas/report.schema.json is generated from (test/docs.test.ts keeps the two equal).
const validateReport = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(REPORT_SCHEMA);

const FIXED_TIME = new Date('2025-01-01T00:00:00Z');

/** What discover would make of the files, without the file system. */
export function discoveryOf(files: GeneratedRepository): Discovery {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sources: SourceFile[] = sorted.map((file) => ({
    path: toRepoPath(file.path),
    kind: classify(file.path, file.text, undefined),
    text: file.text,
  }));
  return {
    files: sources,
    skipped: [],
    issues: [],
    otherFiles: 0,
    inventory: sources.map((file) => file.path),
    ignored: 0,
  };
}

/** Scans the files in memory (or, with `root`, walking the directory they were written to). */
export function scanGenerated(files: GeneratedRepository, parsers: ParseOptions, root?: string): Report {
  return scanRepository({
    root: root ?? '/nonexistent-fuzz-root',
    paths: root === undefined ? [] : ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: '0.0.0-fuzz',
    now: () => FIXED_TIME,
    parsers,
    ...(root === undefined ? { discovery: discoveryOf(files) } : {}),
  });
}

/**
 * The cheaper property, for the bulk of the runs: parse, model (the repository and each
 * Kustomize environment) and every rule, without the engine's report. Throws on an exception or
 * on a parse issue or finding whose location is not a known file and a line ≥ 1.
 */
export function checkParsed(files: GeneratedRepository, parsers: ParseOptions): void {
  const discovery = discoveryOf(files);
  const known = new Set<string>(discovery.inventory);
  const parsed = parseSources(discovery.files, parsers);
  for (const issue of parsed.issues) checkLocation(issue, known, 'parse issue');
  const models = [
    buildModel(parsed.kubernetes, discovery.inventory, parsed),
    ...parsed.environments.map((environment) =>
      buildModel([...parsed.kubernetes, ...environment.objects], discovery.inventory, parsed),
    ),
  ];
  for (const model of models) {
    for (const rule of ALL_RULES) {
      for (const finding of rule.run(model).findings) {
        checkLocation(resolvePointer(finding.at), known, `finding of ${rule.id}`);
      }
    }
  }
}

function checkLocation(
  location: { readonly file: RepoPath; readonly line: number },
  known: ReadonlySet<string>,
  what: string,
): void {
  if (!known.has(location.file)) throw new Error(`${what} names ${JSON.stringify(location.file)}, not a scanned file`);
  if (!Number.isInteger(location.line) || location.line < 1) {
    throw new Error(`${what} in ${location.file} has line ${location.line}, not an integer ≥ 1`);
  }
}

/**
 * Throws, naming the first violation, unless the report is valid, records no internal error (a
 * rule, detector or scenario that threw: the engine catches those) and all its locations are
 * well-formed.
 */
export function assertWellFormed(report: Report): void {
  const errors = report.verdict.coverage.errors ?? [];
  if (errors.length > 0) throw new Error(`internal errors: ${JSON.stringify(errors)}`);
  const json: unknown = JSON.parse(JSON.stringify(report));
  if (!validateReport(json)) {
    throw new Error(`report does not match the schema: ${JSON.stringify(validateReport.errors?.slice(0, 3))}`);
  }
  visitLocations(json, '$');
}

function visitLocations(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      visitLocations(item, `${where}[${index}]`);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if ('line' in record && record.line !== undefined) {
    const line = record.line;
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) {
      throw new Error(`${where}.line is ${JSON.stringify(line)}, not an integer ≥ 1`);
    }
    if ('file' in record && !isRepositoryRelative(record.file)) {
      throw new Error(`${where}.file is ${JSON.stringify(record.file)}, not a repository-relative path`);
    }
  }
  for (const [key, item] of Object.entries(record)) visitLocations(item, `${where}.${key}`);
}

function isRepositoryRelative(file: unknown): boolean {
  if (typeof file !== 'string' || file === '') return false;
  if (file.startsWith('/') || file.includes('\\') || /^[A-Za-z]:/.test(file)) return false;
  return !file.split('/').some((segment) => segment === '..' || segment === '');
}
