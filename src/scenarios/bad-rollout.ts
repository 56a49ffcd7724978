import { gitOpsObjects, progressiveDeliveryObjects } from '../model/pipeline-queries.js';
import type { ModelNode, SystemModel, Workload } from '../model/types.js';
import { ROLLOUT_DEFAULTS } from '../reference/availability.js';
import { replicasOf } from './components.js';
import { defineScenario, type Outcome, type PathOutcome, worstOutcome } from './define-scenario.js';

/** A revert is assumed to land within the Deployment's progress deadline. */
const ROLLBACK_SECONDS = ROLLOUT_DEFAULTS.progressDeadlineSeconds;

interface RolloutFate {
  readonly id: string;
  readonly outcome: Outcome;
  /** undefined: nothing in the files rolls back, or the rollback needs a person. */
  readonly recoverySeconds: number | undefined;
  readonly reason: string;
}

/** How a bad version is taken back, as the files show it: pipeline rollbacks, GitOps, progressive delivery. */
function rollbackMeans(model: SystemModel): string[] {
  const means = new Set<string>();
  for (const pipeline of model.pipelines) {
    for (const job of pipeline.jobs) {
      const where = `job "${job.id}" of ${pipeline.file}`;
      for (const activity of job.activities) {
        if (activity.kind === 'rollback') means.add(`${activity.tool} in ${where}`);
        if (activity.kind === 'deploy' && activity.rollsBackOnFailure) {
          means.add(`${activity.tool} that undoes a failed release in ${where}`);
        }
      }
      if (job.strategy?.failureHook !== undefined) means.add(`an on-failure hook in ${where}`);
    }
  }
  for (const object of gitOpsObjects(model))
    means.add(`GitOps (${object.kind} ${object.name}): a revert commit is synced`);
  for (const object of progressiveDeliveryObjects(model)) {
    means.add(`Flagger (${object.kind} ${object.name}) rolls back a failed canary`);
  }
  return [...means].sort();
}

/** An int-or-percent rollout value against a replica count (Kubernetes rounds surge up, unavailability down). */
function countOf(value: number | string, total: number, rounding: 'up' | 'down'): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value.trim());
  if (match === null) return undefined;
  const exact = (Number(match[1]) * total) / 100;
  return rounding === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

/** Whether a pod has a readiness probe: a broken version is assumed to fail it. */
function hasReadiness(workload: Workload): boolean {
  return workload.pod.containers.some((container) => container.readinessProbe !== undefined);
}

function fateOf(model: SystemModel, node: ModelNode, means: readonly string[]): RolloutFate | undefined {
  const rollback = means.length === 0 ? undefined : ROLLBACK_SECONDS;
  const recovered =
    rollback === undefined ? 'nothing in the files rolls it back' : `a revert is assumed within ${rollback} s`;
  const fate = (outcome: Outcome, recoverySeconds: number | undefined, reason: string): RolloutFate => ({
    id: node.id,
    outcome,
    recoverySeconds,
    reason: `${node.id}: ${reason}`,
  });
  if (node.kind === 'compose-service') {
    return fate(
      'outage',
      rollback,
      `compose recreates the container with the new image: the broken version serves until the previous one is deployed again (${recovered})`,
    );
  }
  if (node.kind !== 'workload') return undefined;
  const readiness = hasReadiness(node);
  const noReadiness = 'no readinessProbe: each new pod counts as ready once it runs, so the rollout completes';
  switch (node.workloadKind) {
    case 'Job':
    case 'CronJob':
      return undefined;
    case 'Pod':
      return fate(
        'outage',
        rollback,
        `a bare Pod is replaced by deleting it: the broken version serves (${recovered})`,
      );
    case 'ReplicaSet':
    case 'ReplicationController':
      return fate(
        'unknown',
        undefined,
        `a ${node.workloadKind} does not replace running pods when its template changes: the broken version arrives as pods are deleted`,
      );
    case 'Rollout': {
      const type = node.strategy?.type;
      if (type !== 'canary' && type !== 'blueGreen') {
        return fate('unknown', undefined, 'an Argo Rollout with no canary or blueGreen strategy the model can read');
      }
      if (!readiness) {
        return fate(
          'unknown',
          ROLLBACK_SECONDS,
          `Argo Rollouts ${type} with ${noReadiness}: whether the broken version reaches all traffic depends on the steps, analysis and promotion settings, which the model does not read`,
        );
      }
      return fate(
        'degraded',
        ROLLBACK_SECONDS,
        `Argo Rollouts ${type}: the new pods never become ready, so the rollout does not promote them and is aborted (${ROLLBACK_SECONDS} s assumed)`,
      );
    }
    case 'DaemonSet': {
      const type = node.strategy?.type ?? 'RollingUpdate';
      if (type === 'OnDelete') {
        return fate('unknown', undefined, 'OnDelete: pods take the new version only when someone deletes them');
      }
      if (!readiness) return fate('outage', rollback, `${noReadiness} on every node (${recovered})`);
      return fate(
        'unknown',
        rollback,
        `one pod per node, ${node.strategy?.maxUnavailable ?? ROLLOUT_DEFAULTS.daemonSetMaxUnavailable} at a time: the rollout stops at the first unready pods, and the rest keep serving only if the cluster has more nodes than that, which the files do not show`,
      );
    }
    case 'StatefulSet': {
      const type = node.strategy?.type ?? 'RollingUpdate';
      if (type === 'OnDelete') {
        return fate('unknown', undefined, 'OnDelete: pods take the new version only when someone deletes them');
      }
      const replicas = replicasOf(model, node);
      if (replicas === undefined) return fate('unknown', undefined, 'a replica count the files do not show');
      if (!readiness) return fate('outage', rollback, `${noReadiness}, pod by pod (${recovered})`);
      const stuck =
        'reverting the template does not replace the stuck pod: someone must delete it (kubernetes/kubernetes#67250)';
      if (replicas < 2) {
        return fate(
          'outage',
          undefined,
          `its only replica is replaced by the broken version and never ready; ${stuck}`,
        );
      }
      return fate(
        'degraded',
        undefined,
        `one pod at a time, highest ordinal first: pod ${replicas - 1} takes the broken version, never becomes ready, and the rollout stops; ${replicas - 1} of ${replicas} replicas keep serving; ${stuck}`,
      );
    }
    case 'Deployment': {
      const type = node.strategy?.type ?? 'RollingUpdate';
      if (type === 'Recreate') {
        return fate(
          'outage',
          rollback,
          `Recreate stops every old pod before new ones start: every deploy is an outage, and a broken one lasts until it is rolled back (${recovered})`,
        );
      }
      if (type !== 'RollingUpdate') return fate('unknown', undefined, `a strategy "${type}" the model does not know`);
      const replicas = replicasOf(model, node);
      if (replicas === undefined) return fate('unknown', undefined, 'a replica count the files do not show');
      if (!readiness) {
        return fate('outage', rollback, `${noReadiness} and every replica serves the broken version (${recovered})`);
      }
      const surgeValue = node.strategy?.maxSurge ?? `${ROLLOUT_DEFAULTS.maxSurgePercent}%`;
      const unavailableValue = node.strategy?.maxUnavailable ?? `${ROLLOUT_DEFAULTS.maxUnavailablePercent}%`;
      const surge = countOf(surgeValue, replicas, 'up');
      const resolved = countOf(unavailableValue, replicas, 'down');
      if (surge === undefined || resolved === undefined) {
        return fate(
          'unknown',
          undefined,
          `maxSurge ${surgeValue} or maxUnavailable ${unavailableValue} is not a count`,
        );
      }
      const bothZero = surge === 0 && resolved === 0;
      const unavailable = bothZero ? 1 : resolved;
      const serving = Math.max(0, replicas - unavailable);
      const settings = `${replicas} ${replicas === 1 ? 'replica' : 'replicas'}, maxSurge ${surgeValue} → ${surge}, maxUnavailable ${unavailableValue} → ${resolved}${bothZero ? ' (both 0: the controller takes 1)' : ''}`;
      if (serving === 0) {
        return fate(
          'outage',
          rollback,
          `${settings}: every old pod may go before a new one is ready, and none of the new ones ever is (${recovered})`,
        );
      }
      return fate(
        'degraded',
        rollback,
        `${settings}: the new pods never become ready, the rollout stalls with ${serving} of ${replicas} old replicas serving; after ${ROLLOUT_DEFAULTS.progressDeadlineSeconds} s it is marked failed, not rolled back (${recovered})`,
      );
    }
    default:
      return node.workloadKind satisfies never;
  }
}

export default defineScenario({
  id: 'bad-rollout',
  title: 'A broken version is deployed',
  question:
    'If a deploy ships a broken version to a workload a path needs, does the rollout keep serving, and how is it rolled back?',
  // A deploy that takes the path down happens on every release, not once in a while.
  requiredFrom: 'launch',
  failsOn: ['outage'],
  run({ model }) {
    const means = rollbackMeans(model);
    const paths: PathOutcome[] = model.userPaths.map((path) => {
      const fates = path.components.flatMap((id) => {
        const node = model.nodeById(id);
        const fate = node === undefined ? undefined : fateOf(model, node, means);
        return fate === undefined ? [] : [fate];
      });
      if (fates.length === 0) {
        return {
          name: path.name,
          outcome: 'survives',
          failing: [],
          reason: 'nothing on the path is deployed from these files',
        };
      }
      const failing = fates.filter((fate) => fate.outcome !== 'survives');
      const recoveries = failing.map((fate) => fate.recoverySeconds);
      const recoverySeconds = recoveries.some((seconds) => seconds === undefined)
        ? undefined
        : Math.max(0, ...(recoveries as number[]));
      return {
        name: path.name,
        outcome: worstOutcome(fates.map((fate) => fate.outcome)),
        ...(recoverySeconds === undefined ? {} : { recoverySeconds }),
        failing: failing.map((fate) => fate.id),
        reason: fates.map((fate) => fate.reason).join('. '),
      };
    });
    return {
      paths,
      assumptions: [
        'Each workload on a path gets a broken version in turn; the path counts with the worst. The broken version starts and runs but serves errors: a readinessProbe, where the pod has one, fails on it; without one the pod counts as ready once it runs. Every replica runs the same version, so replicas give no protection once the rollout completes.',
        `Kubernetes rollout defaults (resilience notes §2.3): a Deployment's RollingUpdate surges ${ROLLOUT_DEFAULTS.maxSurgePercent}% (rounded up) and leaves ${ROLLOUT_DEFAULTS.maxUnavailablePercent}% unavailable (rounded down), maxUnavailable 1 when both come to 0; a rollout that stalls is marked failed after progressDeadlineSeconds ${ROLLOUT_DEFAULTS.progressDeadlineSeconds} s but not rolled back; a StatefulSet replaces one pod at a time, highest ordinal first (partition and maxUnavailable on StatefulSets are not read); a DaemonSet ${ROLLOUT_DEFAULTS.daemonSetMaxUnavailable} pod at a time. progressDeadlineSeconds and minReadySeconds as written are not read.`,
        'One replica is assumed to carry the load (k = 1): a stalled rollout with at least one old replica serving is degraded, not down.',
        means.length === 0
          ? 'No rollback was found (no rollback step in the pipelines, no helm --atomic, no GitOps or progressive delivery objects): the time to roll back is not known.'
          : `A revert is assumed within the progress deadline (${ROLLBACK_SECONDS} s), by: ${means.join('; ')}. A StatefulSet pod stuck on the broken version is not replaced by the revert and needs someone to delete it (kubernetes/kubernetes#67250).`,
      ],
    };
  },
});
