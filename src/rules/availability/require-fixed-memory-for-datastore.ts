import { pointerTo } from '../../core/source.js';
import type { Container, SystemModel, Workload } from '../../model/types.js';
import { engineOfImage, type StatefulEngine } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, isLongRunning, unreadableAmount } from '../helpers.js';

interface Subject {
  readonly workload: Workload;
  readonly container: Container;
  readonly engine: StatefulEngine;
}

/** Long-running workloads whose app container runs a datastore or queue. */
function subjects(model: SystemModel): readonly Subject[] {
  return model.workloads.filter(isLongRunning).flatMap((workload) => {
    for (const container of containersOf(workload)) {
      const engine = container.image === undefined ? undefined : engineOfImage(container.image);
      if (engine !== undefined) return [{ workload, container, engine }];
    }
    return [];
  });
}

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** A Kubernetes quantity in bytes (`512Mi`, `1G`, `1.5Gi`, `129e6`); undefined when it is not one. */
export function bytesOf(quantity: string): number | undefined {
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/.exec(
    quantity.trim(),
  );
  if (match === null) return undefined;
  const number = Number(match[1]);
  if (match[2] !== undefined) return number * 10 ** Number(match[2].slice(1));
  const suffix = match[3] ?? '';
  const factor = BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix];
  return factor === undefined ? undefined : number * factor;
}

export default defineRule({
  id: 'require-fixed-memory-for-datastore',
  pillar: 'availability',
  title: 'Self-hosted datastores and queues get a memory limit equal to their request',
  rationale:
    'A datastore allowed to use more memory than it requested is among the first pods the kubelet evicts, and the first the kernel kills, when its node runs short of memory, so a noisy neighbour can restart the database that everything else depends on.',
  remediation:
    'Set the datastore container’s resources.requests.memory equal to resources.limits.memory, sized for its caches, and size the node pool so the whole request fits.',
  requiredFrom: 'growth',
  status: 'experimental',
  notes:
    'Applies to long-running workloads whose app container runs a recognised engine (by image name). Only a container that declares both a memory request and a memory limit, with the limit above the request, is reported: a missing limit is reported by require-memory-limit and a missing request by require-memory-request. Under node memory pressure the kubelet evicts first the pods using more than they requested, and the kernel gives containers that requested less than their limit a higher OOM score; a limit equal to the request removes the datastore from the first group and keeps its share reserved. Equal CPU requests and limits as well (Guaranteed QoS) are not asked for here. Required from growth, when noisy neighbours arrive with more workloads per node.',
  references: [
    {
      title: 'Kubernetes: pod quality of service classes',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
    },
    {
      title: 'Kubernetes: node-pressure eviction',
      url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
    },
  ],
  messages: {
    'limit-above-request': (data: {
      container: string;
      workload: string;
      engine: string;
      request: string;
      limit: string;
    }) =>
      `Container "${data.container}" of ${data.workload} runs ${data.engine} with a memory request of ${data.request} below its limit of ${data.limit}: under memory pressure it is evicted or killed before pods that stay within their requests.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report, undecided }) {
    for (const { workload, container, engine } of subjects(model)) {
      const unreadable = unreadableAmount(workload, container, [
        ['requests', 'memory'],
        ['limits', 'memory'],
      ]);
      if (unreadable !== undefined) {
        undecided({
          node: workload,
          at: unreadable,
          reason: `Container "${container.name}" of ${describeNode(workload)} has a memory request or limit of the wrong type.`,
        });
        continue;
      }
      const request = container.requests.memory;
      const limit = container.limits.memory;
      if (request === undefined || limit === undefined) continue;
      const requestBytes = bytesOf(request);
      const limitBytes = bytesOf(limit);
      if (requestBytes === undefined || limitBytes === undefined) {
        undecided({
          node: workload,
          at: pointerTo(container.source, 'resources', requestBytes === undefined ? 'requests' : 'limits', 'memory'),
          reason: `Container "${container.name}" of ${describeNode(workload)} has a memory amount that is not a Kubernetes quantity.`,
        });
        continue;
      }
      if (limitBytes <= requestBytes) continue;
      report({
        messageId: 'limit-above-request',
        data: { container: container.name, workload: describeNode(workload), engine: engine.engine, request, limit },
        node: workload,
        at: pointerTo(container.source, 'resources', 'requests', 'memory'),
      });
    }
  },
});
