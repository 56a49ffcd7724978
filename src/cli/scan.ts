import { ALL_ATTESTATIONS } from '../attestations/index.js';
import type { ConfigLocations } from '../config/parse.js';
import { type Config, configSchema } from '../config/schema.js';
import { discover } from '../discover/discover.js';
import { evaluate } from '../engine/evaluate.js';
import type { Report } from '../engine/report-types.js';
import { buildModel } from '../model/build.js';
import { type ParseOptions, parseSources } from '../parse/parse-sources.js';
import { ALL_RULES } from '../rules/index.js';

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
}

/** The configuration when there is no prodready.yaml: judge readiness for launch. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});

/** discover → parse → model → engine, stamped with the run block. */
export function scanRepository(options: ScanOptions): Report {
  const now = options.now ?? (() => new Date());
  const started = now();
  const discovery = discover({
    root: options.root,
    paths: options.paths,
    exclude: [...options.exclude, ...options.config.exclude],
  });
  const parsed = parseSources(discovery.files, options.parsers);
  const model = buildModel(parsed.kubernetes, discovery.inventory, parsed);
  const evaluation = evaluate({
    discovery,
    parsed,
    model,
    rules: ALL_RULES,
    attestations: ALL_ATTESTATIONS,
    config: options.config,
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
    ...(options.configLocations === undefined ? {} : { configLocations: options.configLocations }),
    today: started.toISOString().slice(0, 10),
  });
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
