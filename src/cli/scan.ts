import { discover } from '../discover/discover.js';
import { evaluate } from '../engine/evaluate.js';
import type { Report, ReportProfile } from '../engine/report-types.js';
import { buildModel } from '../model/build.js';
import { parseSources } from '../parse/parse-sources.js';
import { ALL_RULES } from '../rules/index.js';

export interface ScanOptions {
  readonly root: string;
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly profile: ReportProfile;
  readonly version: string;
  readonly now?: () => Date;
}

/** Until the readiness profile is configurable, every scan judges readiness for launch. */
export const DEFAULT_PROFILE: ReportProfile = { stage: 'launch', compliance: [] };

/** discover → parse → model → engine, stamped with the run block. */
export function scanRepository(options: ScanOptions): Report {
  const now = options.now ?? (() => new Date());
  const started = now();
  const discovery = discover({ root: options.root, paths: options.paths, exclude: options.exclude });
  const parsed = parseSources(discovery.files);
  const model = buildModel(parsed.kubernetes);
  const evaluation = evaluate({ discovery, parsed, model, rules: ALL_RULES, profile: options.profile });
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
