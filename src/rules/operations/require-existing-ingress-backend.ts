import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-existing-ingress-backend',
  pillar: 'operations',
  title: 'Routes send traffic to an existing Service and port',
  rationale:
    'An Ingress or HTTPRoute backend that names a missing Service or a port the Service does not expose answers every matching request with an error.',
  remediation:
    'Point each backend at a Service defined in the repository and at a port number or port name that Service exposes.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Like kube-linter dangling-ingress and kube-score ingress-targets-service, extended to Gateway API HTTPRoutes (Service backends only) and to the port. An Ingress port may be a number or a Service port name; an HTTPRoute backend without a port is not checked for one.',
  references: [
    { title: 'Kubernetes: Ingress', url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/' },
    { title: 'Gateway API: HTTPRoute', url: 'https://gateway-api.sigs.k8s.io/api-types/httproute/' },
  ],
  messages: {
    'service-not-found': (data: { route: string; service: string; namespace: string }) =>
      `${data.route} sends traffic to Service "${data.service}", which is not defined in namespace ${data.namespace}.`,
    'port-not-found': (data: { route: string; service: string; port: string }) =>
      `${data.route} sends traffic to port ${data.port} of Service "${data.service}", which does not expose it.`,
  },
  appliesTo: (model) => model.routes.length,
  check({ model, report }) {
    for (const route of model.routes) {
      for (const { backend, service, portFound } of model.routeBackends(route)) {
        if (service === undefined) {
          report({
            messageId: 'service-not-found',
            data: { route: describeNode(route), service: backend.serviceName, namespace: backend.namespace },
            node: route,
            at: pointerTo(backend.source, 'name'),
          });
          continue;
        }
        if (portFound) continue;
        const portKey =
          route.routeKind === 'Ingress'
            ? pointerTo(backend.source, 'port', typeof backend.port === 'number' ? 'number' : 'name')
            : pointerTo(backend.source, 'port');
        report({
          messageId: 'port-not-found',
          data: {
            route: describeNode(route),
            service: backend.serviceName,
            port: typeof backend.port === 'number' ? String(backend.port) : `"${String(backend.port)}"`,
          },
          node: route,
          at: portKey,
        });
      }
    }
  },
});
