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
  /**
   * `named`: the files name the target (a backend, a host in a value, a depends_on entry);
   * `inferred`: only a variable's name, or the target being the only candidate, points at it.
   */
  readonly basis: 'named' | 'inferred';
  /** For an inferred edge, why it was drawn, in words. */
  readonly reason?: string;
  /** The Service the traffic goes through (`Service/shop/api`), when it goes through one. */
  readonly via?: string;
  /** For a dependency declared soft: the annotation or label that says so, or a compose `required: false`. */
  readonly declaredAt?: SourcePointer;
}

/**
 * The annotation (on a workload or route) or label (on a compose service) that declares
 * dependencies soft: `prodready.dev/soft-dependencies: "cache, recommendations"`. Each name is
 * matched against the Service named, the node depended on (its name or id), or the external host.
 */
export const SOFT_DEPENDENCIES_ANNOTATION = 'prodready.dev/soft-dependencies';

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
  /**
   * Node ids the path needs, the entry point's first; each appears once. The entry's workloads
   * follow it, then every node reached over hard dependencies, breadth first, ties by id.
   * Services are not components (the workloads behind them are); edges name them in `via`.
   */
  readonly components: readonly string[];
}
