import { UsageError } from '../core/errors.js';
import { ASSUMPTION_FORMS, type AssumedModel, type Assumption, applyAssumptions } from '../scenarios/assume.js';
import { type EnvironmentModel, evaluateEnvironments } from './environments.js';
import { type EvaluationInput, reportProfile } from './evaluate.js';
import type { Evaluation, ReportScenario, WhatIfScenario } from './report-types.js';

/**
 * `--assume`: evaluates the environments as the files describe them and again with the changes
 * applied to each model, and returns the evaluation of the changed models with the `whatIf`
 * block (the changes made, and each scenario before and after). A change that finds nothing to
 * apply to in any environment is a usage error. Without changes, the plain evaluation.
 */
export function evaluateWhatIf(
  input: Omit<EvaluationInput, 'model'>,
  environments: readonly EnvironmentModel[],
  assumptions: readonly Assumption[],
): Evaluation {
  const before = evaluateEnvironments(input, environments);
  if (assumptions.length === 0) return before;
  const profile = reportProfile(input.config);
  const changed = environments.map((environment) => ({
    environment,
    assumed: applyAssumptions(environment.model, assumptions, profile),
  }));
  for (const assumption of assumptions) {
    const misses = changed.map(({ assumed }) => assumed.unmatched.find((miss) => miss.change === assumption.text));
    const first = misses[0];
    if (first !== undefined && misses.every((miss) => miss !== undefined)) {
      throw new UsageError(`--assume "${assumption.text}": ${first.reason}. Accepted: ${ASSUMPTION_FORMS}.`);
    }
  }
  const after = evaluateEnvironments(
    input,
    changed.map(({ environment, assumed }) => ({
      name: environment.name,
      source: environment.source,
      ...(environment.root === undefined ? {} : { root: environment.root }),
      model: assumed.model,
    })),
  );
  const judged = after.verdict.coverage.judgedEnvironment?.name;
  const shown: AssumedModel | undefined = (changed.find(({ environment }) => environment.name === judged) ?? changed[0])
    ?.assumed;
  return {
    ...after,
    whatIf: {
      assumptions: [
        ...(shown?.applied ?? []),
        ...(shown?.unmatched ?? []).map((miss) => ({
          change: miss.change,
          effect: `not applied in this environment: ${miss.reason}`,
        })),
      ],
      before: before.scenarios.map(outcomesOf),
      after: after.scenarios.map(outcomesOf),
    },
  };
}

function outcomesOf(scenario: ReportScenario): WhatIfScenario {
  return {
    id: scenario.id,
    outcome: scenario.outcome,
    paths: scenario.paths.map((path) => ({
      name: path.name,
      outcome: path.outcome,
      ...(path.availability === undefined ? {} : { availability: path.availability }),
      ...(path.recoverySeconds === undefined ? {} : { recoverySeconds: path.recoverySeconds }),
    })),
    ...(scenario.budget === undefined ? {} : { budget: scenario.budget }),
  };
}
