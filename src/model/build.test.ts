import { describe, expect, it } from 'vitest';
import { resolvePointer } from '../core/source.js';
import { toRepoPath } from '../discover/repo-path.js';
import { parseKubernetesFile } from '../parse/kubernetes.js';
import { buildModel } from './build.js';

function model(text: string) {
  const parsed = parseKubernetesFile({ path: toRepoPath('k8s/all.yaml'), kind: 'kubernetes', text });
  expect(parsed.issues).toEqual([]);
  return buildModel(parsed.objects);
}

const deployment = (name: string, namespace: string, labels: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: main
          image: registry.example.com/${name}:1.0.0
---
`;

describe('buildModel', () => {
  const text = `${deployment('api', 'shop', '{app: api, tier: web}')}${deployment('api', 'other', '{app: api}')}apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector: {app: api}
  ports: [{name: http, port: 80}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 3
  maxReplicas: 6
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec:
  maxUnavailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: In, values: [web]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: other}
spec:
  podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: api, port: {name: http}}
          - path: /admin
            pathType: Prefix
            backend:
              service: {name: api, port: {number: 8080}}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: default, namespace: shop}
    automountServiceAccountToken: false
  - apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w}
`;
  const built = model(text);
  const shopApi = built.workloads.find((workload) => workload.id === 'Deployment/shop/api');
  const otherApi = built.workloads.find((workload) => workload.id === 'Deployment/other/api');

  it('links a Service to the workloads of its own namespace only', () => {
    const service = built.services[0];
    expect(service && built.workloadsSelectedBy(service).map((workload) => workload.id)).toEqual([
      'Deployment/shop/api',
    ]);
    expect(otherApi && built.isServing(otherApi)).toBe(false);
  });

  it('links autoscalers, budgets (matchExpressions) and network policies (empty selector: all pods)', () => {
    expect(built.autoscalers[0] && built.autoscalerTarget(built.autoscalers[0])?.id).toBe('Deployment/shop/api');
    expect(shopApi && built.effectiveReplicas(shopApi)).toBe(3);
    expect(otherApi && built.effectiveReplicas(otherApi)).toBe(2);
    expect(shopApi && built.disruptionBudgetsFor(shopApi).map((budget) => budget.name)).toEqual(['web']);
    expect(otherApi && built.networkPoliciesFor(otherApi).map((policy) => policy.name)).toEqual(['deny-all']);
    expect(shopApi && built.networkPoliciesFor(shopApi)).toEqual([]);
  });

  it('resolves Ingress backends to a Service and checks the port', () => {
    const route = built.routes[0];
    const backends = route ? built.routeBackends(route) : [];
    expect(backends.map((backend) => [backend.service?.id, backend.portFound])).toEqual([
      ['Service/shop/api', true],
      ['Service/shop/api', false],
    ]);
    const second = backends[1];
    expect(second && resolvePointer(second.backend.source)).toEqual({ file: 'k8s/all.yaml', line: 81, column: 15 });
  });

  it('reads List items and keeps unknown kinds for coverage', () => {
    expect(shopApi && built.serviceAccountFor(shopApi)?.automountServiceAccountToken).toBe(false);
    expect(built.unmodelled.map(({ source: _source, ...rest }) => rest)).toEqual([
      { apiVersion: 'example.com/v1', kind: 'Widget', id: 'Widget/default/w', known: false, name: 'w' },
    ]);
    expect(built.unmodelled[0] && resolvePointer(built.unmodelled[0].source).line).toBe(90);
  });

  it('records values of the wrong type as issues at their key and carries on', () => {
    const parsed = parseKubernetesFile({
      path: toRepoPath('bad.yaml'),
      kind: 'kubernetes',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: three\n  template:\n    spec:\n      containers: {}\n',
    });
    const wrong = buildModel(parsed.objects);
    expect(wrong.workloads[0]?.replicas).toBeUndefined();
    expect(wrong.workloads[0]?.pod.containers).toEqual([]);
    expect(wrong.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`)).toEqual([
      '5:3 "spec.replicas" should be an integer but is a string; it was ignored.',
      '8:7 "spec.containers" should be a list but is a mapping; it was ignored.',
    ]);
  });
});
