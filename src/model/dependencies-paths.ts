import type { Dependency, EntryPoint, UserPath } from './dependencies.js';
import type { LinkedModel } from './dependencies-build.js';

/** Hosts a compose port bound to is reachable from the machine itself only. */
const LOOPBACK_BINDINGS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Every user-facing entry point with the components it needs: Ingresses and HTTPRoutes, Services
 * of type LoadBalancer or NodePort, and compose services that publish a port (not bound to the
 * loopback address, and not in a development file). Components: the entry point, the workloads
 * a Service entry selects, then every node reached over hard dependencies, breadth first, ties
 * broken by id. A compose service's path follows the dependencies of the definitions Compose
 * merges into it (its `layers`) too.
 */
export function buildUserPaths(model: LinkedModel, dependencies: readonly Dependency[]): UserPath[] {
  const hardFrom = new Map<string, string[]>();
  for (const dependency of dependencies) {
    if (!dependency.hard) continue;
    const targets = hardFrom.get(dependency.from);
    if (targets === undefined) hardFrom.set(dependency.from, [dependency.to]);
    else targets.push(dependency.to);
  }
  const layers = new Map(model.composeServices.map((service) => [service.id, service.layers]));
  const closure = (entry: EntryPoint, seeds: readonly string[]): string[] => {
    const components = [entry.id];
    const seen = new Set(components);
    const visit = (ids: readonly string[]) => {
      for (const id of [...new Set(ids)].sort(compareIds)) {
        if (seen.has(id)) continue;
        seen.add(id);
        components.push(id);
      }
    };
    visit(seeds);
    for (let index = 0; index < components.length; index += 1) {
      const id = components[index] ?? '';
      visit([id, ...(layers.get(id) ?? [])].flatMap((from) => hardFrom.get(from) ?? []));
    }
    return components;
  };

  const paths: UserPath[] = [];
  for (const route of model.routes) {
    const entry: EntryPoint = {
      id: route.id,
      kind: route.routeKind === 'Ingress' ? 'ingress' : 'http-route',
      source: route.source,
    };
    const name = route.hosts.length > 0 ? route.hosts.join(', ') : route.id;
    paths.push({ name, entry, components: closure(entry, []) });
  }
  for (const service of model.services) {
    if (service.serviceType !== 'LoadBalancer' && service.serviceType !== 'NodePort') continue;
    const entry: EntryPoint = {
      id: service.id,
      kind: service.serviceType === 'LoadBalancer' ? 'load-balancer' : 'node-port',
      source: service.source,
    };
    const seeds = model.workloadsSelectedBy(service).map((workload) => workload.id);
    paths.push({ name: service.id, entry, components: closure(entry, seeds) });
  }
  for (const service of model.composeServices) {
    if (service.development) continue;
    const published = service.ports.find((port) => !LOOPBACK_BINDINGS.has(port.hostIp ?? ''));
    if (published === undefined) continue;
    const entry: EntryPoint = { id: service.id, kind: 'compose-port', source: published.source };
    paths.push({ name: service.id, entry, components: closure(entry, []) });
  }
  return paths;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
