import type { AttestationDefinition } from '../attestations/define-attestation.js';
import { ALL_ATTESTATIONS } from '../attestations/index.js';
import type { ConfigLocations } from '../config/parse.js';
import { type Config, configSchema } from '../config/schema.js';
import type { RepoPath } from '../core/source.js';
import { type Discovery, discover } from '../discover/discover.js';
import { toRepoPath } from '../discover/repo-path.js';
import { type EnvironmentModel, environmentKey } from '../engine/environments.js';
import type { InternalFailure } from '../engine/evaluate.js';
import { collectSecrets, redactSecrets } from '../engine/redact.js';
import type { Report } from '../engine/report-types.js';
import { evaluateWhatIf } from '../engine/what-if.js';
import { buildModel } from '../model/build.js';
import type { KubernetesObject } from '../parse/kubernetes.js';
import { type ParsedSources, type ParseOptions, parseSources } from '../parse/parse-sources.js';
import type { Rule } from '../rules/define-rule.js';
import { ALL_RULES } from '../rules/index.js';
import type { Assumption } from '../scenarios/assume.js';
import type { Scenario } from '../scenarios/define-scenario.js';
import { ALL_SCENARIOS } from '../scenarios/index.js';
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
  /** The traffic scenario's N (load = N × peakRps); 10 when absent. */
  readonly trafficMultiplier?: number;
  /** What-if changes (`--assume`): the report is of the changed model, with before and after in `whatIf`. */
  readonly assume?: readonly Assumption[];
  /** Told between the stages, for the CLI's progress display; the stages themselves stay pure. */
  readonly onProgress?: (event: ScanProgress) => void;
  /** The rules to run; the registry (`ALL_RULES`) when absent. */
  readonly rules?: readonly Rule[];
  /** The attestations to state; the registry (`ALL_ATTESTATIONS`) when absent. */
  readonly attestations?: readonly AttestationDefinition[];
  /** The scenarios to run; the registry (`ALL_SCENARIOS`) when absent. */
  readonly scenarios?: readonly Scenario[];
  /**
   * Told when a rule, attestation detector or scenario throws (a bug in prodready): the scan
   * goes on, the report shows the part as errored, and the caller decides what to do at the end.
   */
  readonly onInternalError?: (failure: InternalFailure) => void;
}

/** What a scan has done so far, reported after each stage. */
export type ScanProgress =
  | { readonly stage: 'discovered'; readonly files: number }
  | { readonly stage: 'parsed'; readonly files: number; readonly parseIssues: number }
  | { readonly stage: 'evaluated'; readonly rules: number; readonly scenarios: number; readonly findings: number };

/** The name the manifests read from standard input get in reports. */
export const STDIN_PATH = 'stdin.yaml';

/** The configuration when there is no prodready.yaml: judge readiness for launch. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});

/** The files a scan reads: the walk of the scan paths, and the manifests read from standard input. */
export function discoverSources(
  options: Pick<ScanOptions, 'root' | 'paths' | 'exclude' | 'config' | 'stdin'>,
): Discovery {
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
  return discovery;
}

/**
 * discover → parse → model → engine, stamped with the run block. The CLI may have discovered
 * (and parsed ahead) already: it passes the discovery, and the time it started.
 */
export function scanRepository(
  options: ScanOptions & { readonly discovery?: Discovery; readonly started?: Date },
): Report {
  const now = options.now ?? (() => new Date());
  const started = options.started ?? now();
  const discovery = options.discovery ?? discoverSources(options);
  options.onProgress?.({ stage: 'discovered', files: discovery.files.length });
  const charts = renderCharts(options.root, discovery, options.helm);
  const parsed = parseSources(discovery.files, { ...options.parsers, charts: charts.rendered });
  options.onProgress?.({ stage: 'parsed', files: discovery.files.length, parseIssues: parsed.issues.length });
  const environments = environmentModels(discovery, parsed);
  const rules = options.rules ?? ALL_RULES;
  const scenarios = options.scenarios ?? ALL_SCENARIOS;
  const evaluation = evaluateWhatIf(
    {
      discovery,
      parsed,
      rules,
      attestations: options.attestations ?? ALL_ATTESTATIONS,
      scenarios,
      ...(options.onInternalError === undefined ? {} : { onInternalError: options.onInternalError }),
      charts: charts.charts,
      config: options.config,
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.configLocations === undefined ? {} : { configLocations: options.configLocations }),
      today: started.toISOString().slice(0, 10),
      ...(options.trafficMultiplier === undefined ? {} : { trafficMultiplier: options.trafficMultiplier }),
    },
    environments,
    options.assume ?? [],
  );
  options.onProgress?.({
    stage: 'evaluated',
    rules: rules.length,
    scenarios: scenarios.length,
    findings: evaluation.findings.length,
  });
  // Secrets found in the files are never echoed: every string of the report is scrubbed of them.
  const secrets = collectSecrets({
    files: [...discovery.files, ...charts.rendered.map((chart) => chart.file)],
    objects: [...parsed.kubernetes, ...parsed.environments.flatMap((environment) => environment.objects)],
    bodies: [...parsed.compose.map((file) => file.body), ...parsed.pipelines.map((file) => file.body)],
  });
  return {
    ...redactSecrets(evaluation, secrets),
    run: {
      tool: 'prodready',
      version: options.version,
      startedAt: started.toISOString(),
      durationMs: Math.max(0, now().getTime() - started.getTime()),
    },
  };
}

/**
 * One model per environment: Kustomize overlays and Helm values files give the Kubernetes
 * objects, Terraform variable files (`env/prod.tfvars`) the infrastructure values; the same
 * environment under aliases (`prod`, `production`) is one. Without any, the repository is one
 * environment.
 */
function environmentModels(discovery: Discovery, parsed: ParsedSources): EnvironmentModel[] {
  interface Parts {
    name: string;
    source: EnvironmentModel['source'];
    root?: RepoPath;
    objects: KubernetesObject[];
    variableFiles: RepoPath[];
  }
  const groups = new Map<string, Parts>();
  const group = (name: string, source: EnvironmentModel['source'], root: RepoPath): Parts => {
    const key = environmentKey(name);
    let parts = groups.get(key);
    if (parts === undefined) {
      parts = { name, source, root, objects: [], variableFiles: [] };
      groups.set(key, parts);
    }
    return parts;
  };
  for (const environment of parsed.environments) {
    group(environment.name, environment.source, environment.root).objects.push(...environment.objects);
  }
  for (const file of discovery.files) {
    if (file.kind !== 'terraform-variables') continue;
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (base === 'terraform.tfvars' || base === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(base))
      continue;
    const name = base.replace(/\.tfvars(\.json)?$/, '');
    group(name, 'terraform', file.path).variableFiles.push(file.path);
  }
  if (groups.size === 0) {
    return [
      {
        name: 'repository',
        source: 'repository',
        get model() {
          return buildModel(parsed.kubernetes, discovery.inventory, parsed);
        },
      },
    ];
  }
  // Each model is built when it is read, and not kept: on a large repository a scan then holds
  // one environment's model at a time (the engine reads each once; `--assume` reads them again).
  return [...groups.values()].map((parts) => ({
    name: parts.name,
    source: parts.source,
    ...(parts.root === undefined ? {} : { root: parts.root }),
    get model() {
      return buildModel([...parsed.kubernetes, ...parts.objects], discovery.inventory, parsed, parts.variableFiles);
    },
  }));
}
