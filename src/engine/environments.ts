import type { RepoPath } from '../core/source.js';
import type { SystemModel } from '../model/types.js';
import { type EvaluationInput, evaluate } from './evaluate.js';
import type { Evaluation, ReportEnvironment } from './report-types.js';

export interface EnvironmentModel {
  readonly name: string;
  readonly source: 'kustomize' | 'helm' | 'terraform' | 'repository';
  readonly root?: RepoPath;
  readonly model: SystemModel;
}

const PRODUCTION_NAMES = /^(prod|production|prd|live)$/i;

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
  const evaluations = environments.map((environment) => ({
    environment,
    evaluation: evaluate({ ...input, model: environment.model }),
  }));
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
  return {
    ...main.evaluation,
    verdict: {
      ...main.evaluation.verdict,
      coverage: { ...main.evaluation.verdict.coverage, judgedEnvironment: { name: main.environment.name, reason } },
    },
    environments: reported,
  };
}

function lastSegment(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}
