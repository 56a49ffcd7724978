import { type RepoPath, resolvePointer } from '../core/source.js';
import type { SystemModel } from '../model/types.js';
import { type EvaluationInput, evaluate } from './evaluate.js';
import type { Evaluation, InternalError, ReportEnvironment } from './report-types.js';

export interface EnvironmentModel {
  readonly name: string;
  readonly source: 'kustomize' | 'helm' | 'terraform' | 'repository';
  readonly root?: RepoPath;
  /** May be built on each read (a getter), so that no more than one model need be alive: read it once. */
  readonly model: SystemModel;
}

const PRODUCTION_NAMES = /^(prod|production|prd|live)$/i;

/** Names that mean the same environment, so a `prod` overlay, a `production.tfvars` and a CI `production` are one. */
const ALIASES: readonly (readonly string[])[] = [
  ['prod', 'production', 'prd', 'live'],
  ['staging', 'stage', 'stg', 'preprod'],
  ['dev', 'development'],
];

/** The key under which the aliases of one environment meet. */
export function environmentKey(name: string): string {
  const last = lastSegment(name).toLowerCase();
  return ALIASES.find((group) => group.includes(last))?.[0] ?? name;
}

/**
 * Evaluates every environment and judges production: the one `environments.production` names,
 * else the one named like production, else the only one; when none can be told apart, the one
 * with the most blockers, and the coverage says so. The other environments are reported with
 * their own findings.
 */
export function evaluateEnvironments(
  input: Omit<EvaluationInput, 'model'>,
  environments: readonly EnvironmentModel[],
): Evaluation {
  // Each model is read once: when models are built on reading (see scan.ts), only one
  // environment's model is alive at a time.
  let declared: ReturnType<typeof pipelineEnvironments> = [];
  const evaluations = environments.map((environment, index) => {
    const model = environment.model;
    if (index === 0) declared = pipelineEnvironments(model);
    return { environment, evaluation: evaluate({ ...input, model }) };
  });
  const wanted = input.config.environments?.production;
  const byName = (name: string) => evaluations.find((entry) => entry.environment.name === name);
  let judged = wanted === undefined ? undefined : byName(wanted);
  let reason: string;
  if (judged !== undefined) {
    reason = 'named by environments.production in the config';
  } else {
    const named = evaluations.filter((entry) => PRODUCTION_NAMES.test(lastSegment(entry.environment.name)));
    const missing =
      wanted === undefined
        ? ''
        : `environments.production "${wanted}" matches no environment (${evaluations.map((entry) => entry.environment.name).join(', ')}); `;
    if (named.length === 1) {
      judged = named[0];
      reason = `${missing}its name says production`;
    } else if (evaluations.length === 1) {
      judged = evaluations[0];
      reason = `${missing}the only environment`;
    } else {
      judged = [...evaluations].sort(
        (a, b) =>
          b.evaluation.verdict.blockers - a.evaluation.verdict.blockers ||
          (a.environment.name < b.environment.name ? -1 : 1),
      )[0];
      reason = `${missing}no environment is known to be production, so the one with the most blockers is judged; set environments.production in prodready.yaml`;
    }
  }
  if (judged === undefined) throw new Error('No environment to evaluate');
  const main = judged;
  const reported: ReportEnvironment[] = evaluations.map(({ environment, evaluation }) => ({
    name: environment.name,
    declaredBy: declared
      .filter((entry) => environmentKey(entry.name) === environmentKey(environment.name))
      .map(({ name: _name, ...rest }) => rest),
    source: environment.source,
    ...(environment.root === undefined ? {} : { root: environment.root }),
    production:
      environment === main.environment &&
      (wanted === environment.name || PRODUCTION_NAMES.test(lastSegment(environment.name)) || evaluations.length === 1),
    judged: environment === main.environment,
    ready: evaluation.verdict.ready,
    blockers: evaluation.verdict.blockers,
    findings: environment === main.environment ? [] : evaluation.findings,
  }));
  const modelled = new Set(environments.map((environment) => environmentKey(environment.name)));
  const onlyInPipelines = declared.filter(
    (entry) =>
      !modelled.has(environmentKey(entry.name)) &&
      (environments.length > 1 || environments[0]?.source !== 'repository'),
  );
  return {
    ...main.evaluation,
    verdict: {
      ...main.evaluation.verdict,
      coverage: {
        ...main.evaluation.verdict.coverage,
        ...errorsOf(evaluations.map((entry) => entry.evaluation)),
        judgedEnvironment: { name: main.environment.name, reason },
        pipelineOnlyEnvironments: onlyInPipelines,
      },
    },
    environments: reported,
  };
}

/** What threw in any environment's evaluation, once per part: a bug shows wherever it was hit. */
function errorsOf(evaluations: readonly Evaluation[]): { errors?: readonly InternalError[] } {
  const errors = new Map<string, InternalError>();
  for (const evaluation of evaluations) {
    for (const error of evaluation.verdict.coverage.errors ?? []) {
      const key = `${error.kind}\u0000${error.id}`;
      if (!errors.has(key)) errors.set(key, error);
    }
  }
  return errors.size === 0 ? {} : { errors: [...errors.values()] };
}

/** Environments that CI/CD deploy jobs name, where they name them. */
function pipelineEnvironments(
  model: SystemModel | undefined,
): { name: string; source: 'pipeline'; file: string; line: number }[] {
  const found = new Map<string, { name: string; source: 'pipeline'; file: string; line: number }>();
  for (const pipeline of model?.pipelines ?? []) {
    for (const job of pipeline.jobs) {
      for (const environment of job.environments) {
        if (environment.origin !== 'declared') continue;
        const at = resolvePointer(environment.source);
        const key = `${environment.name}\u0000${at.file}`;
        if (!found.has(key))
          found.set(key, { name: environment.name, source: 'pipeline', file: at.file, line: at.line });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

function lastSegment(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}
