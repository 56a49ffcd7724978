import { MINUTES_PER_MONTH, SELF_HOSTED_REPLICA_AVAILABILITY } from '../reference/availability.js';
import { CAPACITY_ANNOTATION, componentAvailability } from './components.js';
import { defineScenario, type PathOutcome, type SinglePointOfFailure } from './define-scenario.js';

function significant(value: number): number {
  return Number(value.toPrecision(4));
}

export default defineScenario({
  id: 'availability-ceiling',
  title: 'Availability ceiling',
  question: 'How available can each user-facing path be at best, and does that meet the SLA?',
  // A ceiling below the SLA promised is a promise the architecture cannot keep.
  requiredFrom: 'launch',
  failsOn: ['degraded', 'outage'],
  run({ model, profile }) {
    const spofs = new Map<string, SinglePointOfFailure>();
    const paths: PathOutcome[] = model.userPaths.map((path) => {
      let product = 1;
      const unknown: string[] = [];
      const reasons: string[] = [];
      const limiting: string[] = [];
      for (const id of path.components) {
        const component = componentAvailability(model, model.nodeById(id), id, profile.peakRps);
        reasons.push(component.reason);
        if (component.availability === undefined) {
          unknown.push(id);
          continue;
        }
        product *= component.availability;
        if (component.singlePoint !== undefined) {
          limiting.push(id);
          spofs.set(id, { id, reason: component.singlePoint.reason, location: component.singlePoint.location });
        }
      }
      const availability = Math.round(product * 1e8) / 1e8;
      const shown = `${significant(availability * 100)}%`;
      if (unknown.length > 0) {
        return {
          name: path.name,
          outcome: 'unknown',
          availability,
          failing: unknown,
          reason: `at most ${shown} from the components known; not known: ${unknown.join(', ')}. ${reasons.join('; ')}`,
        };
      }
      if (profile.sla === undefined) {
        return {
          name: path.name,
          outcome: 'unknown',
          availability,
          failing: limiting,
          reason: `${shown}; the profile sets no SLA to compare with. ${reasons.join('; ')}`,
        };
      }
      const meets = availability * 100 >= profile.sla;
      return {
        name: path.name,
        outcome: meets ? 'survives' : 'degraded',
        availability,
        failing: meets ? [] : limiting,
        reason: `${reasons.join(' × ')} = ${shown} ${meets ? '≥' : '<'} SLA ${profile.sla}%`,
      };
    });
    const worst = Math.min(...paths.map((path) => path.availability ?? 1), 1);
    const budget =
      profile.sla === undefined || paths.length === 0
        ? undefined
        : (() => {
            const budgetMinutes = ((100 - profile.sla) / 100) * MINUTES_PER_MONTH;
            const ceilingDowntimeMinutes = (1 - worst) * MINUTES_PER_MONTH;
            return {
              sla: profile.sla,
              budgetMinutes: significant(budgetMinutes),
              ceilingDowntimeMinutes: significant(ceilingDowntimeMinutes),
              consumedPercent: significant((ceilingDowntimeMinutes / budgetMinutes) * 100),
            };
          })();
    return {
      paths,
      singlePointsOfFailure: [...spofs.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      ...(budget === undefined ? {} : { budget }),
      assumptions: [
        'Components fail independently; serial components multiply (A = Π Aᵢ). Common-cause failures (a bad deploy, a shared zone, the cluster API) are not in this figure.',
        `A replica we run ourselves is available ${SELF_HOSTED_REPLICA_AVAILABILITY * 100}% of the time (the instance-level uptime large clouds commit to for one VM); replicas on separate nodes combine as 1-of-n, replicas that may share a node count as one.`,
        `A workload with ${CAPACITY_ANNOTATION} and a profile with peakRps needs k = ⌈peakRps ÷ capacity⌉ replicas up, A = Σ C(n,i)·aⁱ·(1 − a)ⁿ⁻ⁱ for i ≥ k; without them one replica is assumed to carry the load (k = 1).`,
        'Managed services count with their published SLA for the configuration found, an upper bound of what may be claimed.',
        `Error budget per month: (100 − SLA)% of ${MINUTES_PER_MONTH} minutes (an average month).`,
      ],
    };
  },
});
