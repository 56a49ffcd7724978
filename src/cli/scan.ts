import { ALL_ATTESTATIONS } from '../attestations/index.js';
import type { ConfigLocations } from '../config/parse.js';
import { type Config, configSchema } from '../config/schema.js';
import { type Discovery, discover } from '../discover/discover.js';
import { toRepoPath } from '../discover/repo-path.js';
import { type EnvironmentModel, evaluateEnvironments } from '../engine/environments.js';
import type { Report } from '../engine/report-types.js';
import { buildModel } from '../model/build.js';
import { type ParsedEnvironment, type ParseOptions, parseSources } from '../parse/parse-sources.js';
import { ALL_RULES } from '../rules/index.js';
import { renderCharts } from './helm.js';

export interface ScanOptions {
  readonly root: string;
  readonly paths: readonly string[];
  /** Patterns from --exclude; the config's `exclude` is added to them. */
  readonly exclude: readonly string[];
  readonly config: Config;
  /** Where the config came from, for the report. */
  readonly configFile?: string;
  readonly configLocations?: ConfigLocations;
  readonly version: string;
  readonly now?: () => Date;
  /** Parsers that need asynchronous loading (the HCL grammar), loaded by the caller. */
  readonly parsers?: ParseOptions;
  /** Rendered manifests read from standard input (`helm template … | prodready scan --stdin`). */
  readonly stdin?: string;
  /** The helm binary that renders the charts of the tree; without one they are reported as not rendered. */
  readonly helm?: string;
}

/** The name the manifests read from standard input get in reports. */
export const STDIN_PATH = 'stdin.yaml';

/** The configuration when there is no prodready.yaml: judge readiness for launch. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});

/** discover → parse → model → engine, stamped with the run block. */
export function scanRepository(options: ScanOptions): Report {
  const now = options.now ?? (() => new Date());
  const started = now();
  const walked =
    options.paths.length === 0
      ? { files: [], skipped: [], issues: [], otherFiles: 0, inventory: [], ignored: 0 }
      : discover({
          root: options.root,
          paths: options.paths,
          exclude: [...options.exclude, ...options.config.exclude],
        });
  const discovery: Discovery =
    options.stdin === undefined
      ? walked
      : {
          ...walked,
          files: [...walked.files, { path: toRepoPath(STDIN_PATH), kind: 'kubernetes', text: options.stdin }],
        };
  const charts = renderCharts(options.root, discovery, options.helm);
  const parsed = parseSources(discovery.files, { ...options.parsers, charts: charts.rendered });
  const byName = new Map<string, ParsedEnvironment[]>();
  for (const environment of parsed.environments) {
    byName.set(environment.name, [...(byName.get(environment.name) ?? []), environment]);
  }
  const environments: EnvironmentModel[] =
    byName.size === 0
      ? [
          {
            name: 'repository',
            source: 'repository',
            model: buildModel(parsed.kubernetes, discovery.inventory, parsed),
          },
        ]
      : [...byName].map(([name, parts]) => ({
          name,
          source: parts[0]?.source ?? 'kustomize',
          ...(parts[0] === undefined ? {} : { root: parts[0].root }),
          model: buildModel(
            [...parsed.kubernetes, ...parts.flatMap((part) => part.objects)],
            discovery.inventory,
            parsed,
          ),
        }));
  const evaluation = evaluateEnvironments(
    {
      discovery,
      parsed,
      rules: ALL_RULES,
      attestations: ALL_ATTESTATIONS,
      charts: charts.charts,
      config: options.config,
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.configLocations === undefined ? {} : { configLocations: options.configLocations }),
      today: started.toISOString().slice(0, 10),
    },
    environments,
  );
  return {
    ...evaluation,
    run: {
      tool: 'prodready',
      version: options.version,
      startedAt: started.toISOString(),
      durationMs: Math.max(0, now().getTime() - started.getTime()),
    },
  };
}
