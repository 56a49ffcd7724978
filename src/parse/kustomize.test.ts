import { describe, expect, it } from 'vitest';
import { resolvePointer } from '../core/source.js';
import { classify } from '../discover/classify.js';
import type { SourceFile } from '../discover/discover.js';
import { toRepoPath } from '../discover/repo-path.js';
import { renderKustomizations } from './kustomize.js';

function files(entries: Record<string, string>): SourceFile[] {
  return Object.entries(entries).map(([path, text]) => ({
    path: toRepoPath(path),
    kind: classify(path, text, undefined),
    text,
  }));
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0.0
          env:
            - name: MODE
              value: base
        - name: sidecar
          image: proxy:2.0.0
`;

describe('renderKustomizations', () => {
  it('merges containers and env by name, adds new items at the patch line, and applies labels to selectors', () => {
    const result = renderKustomizations(
      files({
        'base/kustomization.yaml': 'resources:\n  - web.yaml\n',
        'base/web.yaml': DEPLOYMENT,
        'prod/kustomization.yaml':
          'resources:\n  - ../base\ncommonLabels:\n  team: shop\npatchesStrategicMerge:\n  - web.yaml\ncomponents:\n  - ../monitoring\n',
        'prod/web.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: MODE\n              value: prod\n            - name: REGION\n              value: eu\n',
        'monitoring/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  prometheus.io/scrape: "true"\n',
      }),
    );
    expect(result.issues).toEqual([]);
    expect(result.environments.map((environment) => environment.name)).toEqual(['prod']);
    const web = result.environments[0]?.objects[0];
    const spec = web?.body.spec as {
      selector: unknown;
      template: { metadata: unknown; spec: { containers: { name: string; env?: unknown }[] } };
    };
    expect(spec.selector).toEqual({ matchLabels: { app: 'web', team: 'shop' } });
    expect(spec.template.metadata).toEqual({
      labels: { app: 'web', team: 'shop' },
      annotations: { 'prometheus.io/scrape': 'true' },
    });
    expect(spec.template.spec.containers.map((container) => container.name)).toEqual(['web', 'sidecar']);
    expect(spec.template.spec.containers[0]?.env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'REGION', value: 'eu' },
    ]);
    const at = (...path: (string | number)[]) => web && resolvePointer({ ...web.source, path });
    const container = ['spec', 'template', 'spec', 'containers', 0];
    expect(at(...container, 'env', 0, 'value')).toEqual({ file: 'prod/web.yaml', line: 12, column: 15 });
    expect(at(...container, 'env', 1)).toEqual({ file: 'prod/web.yaml', line: 13, column: 15 });
    expect(at(...container, 'image')).toEqual({ file: 'base/web.yaml', line: 16, column: 11 });
    expect(at('metadata', 'labels', 'team')).toEqual({ file: 'prod/kustomization.yaml', line: 4, column: 3 });
    expect([...result.consumed].sort()).toEqual([
      'base/kustomization.yaml',
      'base/web.yaml',
      'monitoring/kustomization.yaml',
      'prod/web.yaml',
    ]);
  });

  it('reports a cycle and a missing resource with file and line, and renders the rest', () => {
    const result = renderKustomizations(
      files({
        'a/kustomization.yaml': 'resources:\n  - ../b\n  - missing.yaml\n  - web.yaml\n',
        'a/web.yaml': DEPLOYMENT,
        'b/kustomization.yaml': 'resources:\n  - ../a\n',
      }),
    );
    expect(result.issues.map((issue) => `${issue.file}:${issue.line} ${issue.message.split(':')[0]}`)).toEqual([
      'b/kustomization.yaml:2 Kustomization cycle',
      'a/kustomization.yaml:3 Kustomize resources entry "missing.yaml" was not found in the scanned tree.',
    ]);
    expect(result.environments.flatMap((environment) => environment.objects.map((object) => object.name))).toContain(
      'web',
    );
  });

  it('names generated ConfigMaps with a hash suffix and renames the references to them', () => {
    const result = renderKustomizations(
      files({
        'app/kustomization.yaml':
          'resources:\n  - web.yaml\nconfigMapGenerator:\n  - name: settings\n    literals:\n      - MODE=prod\n',
        'app/web.yaml': DEPLOYMENT.replace(
          '          env:',
          '          envFrom:\n            - configMapRef:\n                name: settings\n          env:',
        ),
      }),
    );
    const objects = result.environments[0]?.objects ?? [];
    const configMap = objects.find((object) => object.kind === 'ConfigMap');
    expect(configMap?.name).toMatch(/^settings-[0-9a-f]{10}$/);
    const spec = objects.find((object) => object.kind === 'Deployment')?.body.spec as
      | { template: { spec: { containers: { envFrom?: { configMapRef: { name: string } }[] }[] } } }
      | undefined;
    const container = spec?.template.spec.containers[0];
    expect(container?.envFrom?.[0]?.configMapRef.name).toBe(configMap?.name);
  });
});
