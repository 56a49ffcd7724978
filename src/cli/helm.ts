import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Discovery, SourceFile } from '../discover/discover.js';
import { toRepoPath } from '../discover/repo-path.js';
import type { ChartCoverage, RenderedChart } from '../parse/parse-sources.js';

/** The `helm` binary on PATH, if any. */
export function findHelm(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const directory of (env.PATH ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, 'helm');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Renders every chart of the tree with `helm template`, once per values file (`values.yaml` for
 * the chart's defaults, `values-<environment>.yaml` for an environment). Without a helm binary,
 * says which charts were not rendered; their templates are never read as YAML.
 */
export function renderCharts(
  root: string,
  discovery: Discovery,
  helm: string | undefined,
): { readonly rendered: readonly RenderedChart[]; readonly charts: readonly ChartCoverage[] } {
  const chartFiles = discovery.files.filter((file) => file.kind === 'helm-chart');
  const rendered: RenderedChart[] = [];
  const charts: ChartCoverage[] = [];
  for (const chartFile of chartFiles) {
    const chart = path.posix.dirname(chartFile.path);
    const values = discovery.files
      .filter((file) => file.kind === 'helm-values' && path.posix.dirname(file.path) === chart)
      .map((file) => file.path);
    if (helm === undefined) {
      charts.push({ chart, rendered: false, reason: 'helm is not on PATH', values });
      continue;
    }
    // helm applies the chart's values.yaml by itself; each values-<environment>.yaml renders one
    // environment on top of it. Without such files, one rendering with the defaults serves all.
    const environmentValues = values.filter((file) => environmentOf(file) !== undefined);
    const environments = environmentValues.length === 0 ? [undefined] : environmentValues;
    let failure: string | undefined;
    for (const valuesFile of environments) {
      const environment = environmentOf(valuesFile);
      const args = ['template', path.posix.basename(chart), path.join(root, chart)];
      if (valuesFile !== undefined) args.push('--values', path.join(root, valuesFile));
      const result = spawnSync(helm, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
      if (result.status !== 0 || result.error !== undefined) {
        const said = (result.stderr || result.error?.message || 'helm template failed').trim().split('\n')[0] ?? '';
        // helm names files by the absolute paths it was given: the report shows repository paths only.
        failure = said.split(`${root}${path.sep}`).join('').split(root).join('.');
        continue;
      }
      const file: SourceFile = {
        path: toRepoPath(
          `${chart}/.rendered/${valuesFile === undefined ? 'default' : path.posix.basename(valuesFile)}`,
        ),
        kind: 'kubernetes',
        text: result.stdout,
      };
      rendered.push({ chart, environment, file });
    }
    charts.push(
      failure === undefined
        ? { chart, rendered: true, values }
        : { chart, rendered: rendered.some((entry) => entry.chart === chart), reason: failure, values },
    );
  }
  return { rendered, charts };
}

/** `values-prod.yaml` → prod; `values.yaml` (the defaults) → undefined: part of every environment. */
function environmentOf(valuesFile: string | undefined): string | undefined {
  if (valuesFile === undefined) return undefined;
  const match = /^values[-._](.+)\.ya?ml$/i.exec(path.posix.basename(valuesFile));
  return match?.[1];
}
