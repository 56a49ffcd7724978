import type { SourcePointer } from '../core/source.js';

/**
 * The service dependency graph: who calls whom, and what each user-facing entry point needs.
 * Built once with the model; every edge keeps the place in the repository that shows it.
 */
export interface Dependency {
  /** The id of the node that depends (a workload, a route, a compose service). */
  readonly from: string;
  /** The id of the node depended on, or `external:<host>` for something outside the repository. */
  readonly to: string;
  /**
   * `routes-to`: an Ingress/HTTPRoute sends traffic to a Service's workloads; `calls`: a workload
   * names another in configuration (an env var, a ConfigMap value, a connection string);
   * `depends-on`: compose `depends_on` / `links`.
   */
  readonly kind: 'routes-to' | 'calls' | 'depends-on';
  /** A hard dependency takes its dependent down with it. */
  readonly hard: boolean;
  /** `declared` when the files say how hard it is; `assumed` (hard) otherwise. */
  readonly strength: 'declared' | 'assumed';
  /** The key that shows the dependency (the env var, the backend, the depends_on entry). */
  readonly evidence: SourcePointer;
}

/** Where users come in: an Ingress, an HTTPRoute, a LoadBalancer or NodePort Service, a published compose port. */
export interface EntryPoint {
  /** The id of the node users reach (the route, the Service, the compose service). */
  readonly id: string;
  readonly kind: 'ingress' | 'http-route' | 'load-balancer' | 'node-port' | 'compose-port';
  readonly source: SourcePointer;
}

/** A user-facing path: an entry point and every component it needs, hard dependencies followed. */
export interface UserPath {
  /** How reports name it: the host or route, else the entry point's id. */
  readonly name: string;
  readonly entry: EntryPoint;
  /** Node ids the path needs, the entry point's first; each appears once. */
  readonly components: readonly string[];
}
