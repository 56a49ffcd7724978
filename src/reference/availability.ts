/**
 * Figures the scenarios compute with when the model has no better one, each with its source.
 * Kubernetes defaults: the project's resilience notes §2.3 (researched 2026-11-29).
 */

/** Minutes in an average month (365.25 / 12 days), the window of monthly SLAs and error budgets. */
export const MINUTES_PER_MONTH = 43_830;

/**
 * Availability assumed for one replica of a component we run ourselves (a pod on one node):
 * the instance-level uptime that the large clouds commit to for a single VM, 99.5% (Amazon
 * Compute SLA, instance-level uptime percentage). A documented default, not a measurement;
 * replicas on different nodes are counted as independent.
 */
export const SELF_HOSTED_REPLICA_AVAILABILITY = 0.995;

export const KUBERNETES_TIMINGS = {
  /** kube-controller-manager --node-monitor-grace-period (50 s from v1.32; kubernetes/kubernetes#126287). */
  nodeMonitorGraceSeconds: 50,
  /** DefaultTolerationSeconds for not-ready/unreachable taints: pods evicted 300 s after the taint. */
  notReadyTolerationSeconds: 300,
  /** Scheduling, image pull and readiness of a replacement pod: our assumption, not a Kubernetes default. */
  replacementStartSeconds: 60,
  /** Readiness probe defaults: periodSeconds 10 × failureThreshold 3. */
  probeDetectionSeconds: 30,
} as const;
