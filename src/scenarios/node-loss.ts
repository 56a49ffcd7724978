import { KUBERNETES_TIMINGS } from '../reference/availability.js';
import { type ComponentFate, pathsFromFates, replicasOf, spreadAcrossNodes } from './components.js';
import { defineScenario } from './define-scenario.js';

/** Seconds until a Deployment's pods from a dead node run again elsewhere, with Kubernetes defaults. */
export const NODE_LOSS_RECOVERY_SECONDS =
  KUBERNETES_TIMINGS.nodeMonitorGraceSeconds +
  KUBERNETES_TIMINGS.notReadyTolerationSeconds +
  KUBERNETES_TIMINGS.replacementStartSeconds;

export default defineScenario({
  id: 'node-loss',
  title: 'A node is lost',
  question:
    'If the node that runs the worst-placed pods dies, which paths keep serving, and for how long are the others down?',
  // Nodes fail routinely (upgrades, spot reclaims, hardware); with an SLA of 99.9% one node loss
  // with default timings uses about 14% of the monthly budget (resilience notes §1.7).
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  failsOn: ['outage'],
  run({ model }) {
    const fateOf = (id: string): ComponentFate => {
      const node = model.nodeById(id);
      if (node === undefined)
        return { outcome: 'survives', recoverySeconds: 0, reason: `${id} is outside the cluster` };
      switch (node.kind) {
        case 'workload': {
          if (node.workloadKind === 'DaemonSet') {
            return {
              outcome: 'survives',
              recoverySeconds: 0,
              reason: `${id} runs on every node; the others keep serving`,
            };
          }
          const replicas = replicasOf(model, node);
          if (replicas === undefined) {
            return {
              outcome: 'unknown',
              recoverySeconds: undefined,
              reason: `${id} has a replica count the files do not show`,
            };
          }
          const stateful = node.workloadKind === 'StatefulSet';
          if (replicas >= 2 && spreadAcrossNodes(node)) {
            return {
              outcome: 'survives',
              recoverySeconds: 0,
              reason: `${id}: ${replicas} replicas on separate nodes; ${replicas - 1} keep serving (requests in flight to the lost pod fail for up to ${KUBERNETES_TIMINGS.nodeMonitorGraceSeconds} s)`,
            };
          }
          const why =
            replicas >= 2
              ? `${id}: ${replicas} replicas with no anti-affinity or topology spread may all be on the lost node`
              : `${id}: its only replica is on the lost node`;
          if (stateful) {
            return {
              outcome: 'outage',
              recoverySeconds: undefined,
              reason: `${why}; a StatefulSet pod on an unreachable node is not replaced until the node is deleted or the pod force-deleted`,
            };
          }
          return {
            outcome: 'outage',
            recoverySeconds: NODE_LOSS_RECOVERY_SECONDS,
            reason: `${why}; replaced after ${NODE_LOSS_RECOVERY_SECONDS} s (node grace ${KUBERNETES_TIMINGS.nodeMonitorGraceSeconds} s + eviction ${KUBERNETES_TIMINGS.notReadyTolerationSeconds} s + start ${KUBERNETES_TIMINGS.replacementStartSeconds} s)`,
          };
        }
        case 'compose-service':
          return {
            outcome: 'outage',
            recoverySeconds: undefined,
            reason: `${id} runs on one Docker host: losing the host stops it until the host is back`,
          };
        case 'managed-service':
          return {
            outcome: 'survives',
            recoverySeconds: 0,
            reason: `${id} is a managed service, not on the cluster's nodes`,
          };
        default:
          return { outcome: 'survives', recoverySeconds: 0, reason: `${id} has no pods of its own` };
      }
    };
    const paths = pathsFromFates(model, fateOf);
    return {
      paths,
      assumptions: [
        'The lost node is the worst one: it holds every replica that nothing keeps apart.',
        `Kubernetes defaults: node marked NotReady after ${KUBERNETES_TIMINGS.nodeMonitorGraceSeconds} s (--node-monitor-grace-period), pods evicted ${KUBERNETES_TIMINGS.notReadyTolerationSeconds} s after the taint (DefaultTolerationSeconds), a replacement ready ${KUBERNETES_TIMINGS.replacementStartSeconds} s later (our estimate for scheduling, image pull and readiness).`,
        'The remaining replicas carry the load; capacity is not in the files.',
        'Managed services and external services do not run on the cluster\u2019s nodes.',
      ],
    };
  },
});
