import { pointerTo } from '../../core/source.js';
import type { Container, SystemModel, Volume, Workload } from '../../model/types.js';
import { engineOfImage, type StatefulEngine } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, isLongRunning, unreadableWithin } from '../helpers.js';

interface Subject {
  readonly workload: Workload;
  readonly container: Container;
  readonly engine: StatefulEngine;
}

/** Long-running workloads whose app container runs an engine that must keep its data. */
function subjects(model: SystemModel): readonly Subject[] {
  return model.workloads.filter(isLongRunning).flatMap((workload) => {
    for (const container of containersOf(workload)) {
      const engine = container.image === undefined ? undefined : engineOfImage(container.image);
      if (engine === undefined) continue;
      return engine.persistence === 'durable' ? [{ workload, container, engine }] : [];
    }
    return [];
  });
}

/** How a mount of the engine container keeps what is written to it. */
type MountStorage = 'persistent' | 'ephemeral' | 'node' | 'configuration';

/**
 * A mount backed by a PersistentVolumeClaim, or (in a StatefulSet) by a name that is not a pod
 * volume and so comes from `volumeClaimTemplates`, is persistent; volume types the model does
 * not name (csi, nfs, cloud disks) are taken as persistent too.
 */
function storageOf(
  workload: Workload,
  mountName: string,
): { readonly storage: MountStorage; readonly volume?: Volume } {
  const volume = workload.pod.volumes.find((candidate) => candidate.name === mountName);
  if (volume === undefined)
    return { storage: workload.workloadKind === 'StatefulSet' ? 'persistent' : 'configuration' };
  switch (volume.type) {
    case 'persistentVolumeClaim':
    case 'other':
      return { storage: 'persistent', volume };
    case 'emptyDir':
      return { storage: 'ephemeral', volume };
    case 'hostPath':
      return { storage: 'node', volume };
    case 'secret':
    case 'configMap':
    case 'projected':
      return { storage: 'configuration', volume };
  }
}

export default defineRule({
  id: 'require-persistent-storage-for-datastore',
  pillar: 'availability',
  title: 'Self-hosted datastores and queues keep their data on persistent volumes',
  rationale:
    'A database or broker that writes to its container filesystem or to an emptyDir loses every byte when the pod is deleted, evicted or moved to another node, which happens on every drain and node upgrade; a hostPath keeps the data only as long as the pod stays on that one node.',
  remediation:
    'Mount the engine’s data directory from a PersistentVolumeClaim: a volumeClaimTemplates entry in a StatefulSet, or a claim of a replicated storage class, and back it up.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Applies to long-running workloads whose app container runs an engine that must keep its data (databases, Kafka, RabbitMQ, Elasticsearch, ZooKeeper, etcd, MinIO, recognised by image name); Redis, Memcached and NATS are left out because they are often run as caches or without persistence on purpose. The rule does not know each engine’s data directory: it passes when any mount of the engine container is persistent, that is a persistentVolumeClaim volume, a volume type the model does not distinguish (csi, nfs, cloud disks), or, in a StatefulSet, a mount whose name is not a pod volume and so comes from volumeClaimTemplates, which the model does not read. Otherwise it reports an emptyDir or hostPath volume the container mounts, or the container when it mounts nothing. Required from launch: losing a paying customer’s data on a routine node drain is not acceptable.',
  references: [
    {
      title: 'Kubernetes: persistent volumes',
      url: 'https://kubernetes.io/docs/concepts/storage/persistent-volumes/',
    },
    {
      title: 'Kubernetes: volumes (emptyDir, hostPath)',
      url: 'https://kubernetes.io/docs/concepts/storage/volumes/',
    },
    {
      title: 'Kubernetes: StatefulSets, stable storage',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/',
    },
  ],
  messages: {
    'no-volume': (data: { container: string; workload: string; engine: string }) =>
      `Container "${data.container}" of ${data.workload} runs ${data.engine} with no persistent volume mounted: its data lives in the container and is lost when the pod is replaced.`,
    'empty-dir': (data: { container: string; workload: string; engine: string; volume: string }) =>
      `Container "${data.container}" of ${data.workload} runs ${data.engine} on emptyDir volume "${data.volume}": its data is lost when the pod is deleted or rescheduled.`,
    'host-path': (data: { container: string; workload: string; engine: string; volume: string }) =>
      `Container "${data.container}" of ${data.workload} runs ${data.engine} on hostPath volume "${data.volume}": its data stays on one node and is lost to the pod when it is rescheduled elsewhere.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report, undecided }) {
    for (const { workload, container, engine } of subjects(model)) {
      const unreadable =
        unreadableWithin(workload, pointerTo(workload.pod.source, 'volumes')) ??
        unreadableWithin(workload, pointerTo(container.source, 'volumeMounts'));
      if (unreadable !== undefined) {
        undecided({
          node: workload,
          at: unreadable,
          reason: `${describeNode(workload)} has volumes or volume mounts of the wrong type, so where "${container.name}" keeps its data is unknown.`,
        });
        continue;
      }
      const mounts = container.volumeMounts.map((mount) => storageOf(workload, mount.name));
      if (mounts.some((mount) => mount.storage === 'persistent')) continue;
      const data = { container: container.name, workload: describeNode(workload), engine: engine.engine };
      const ephemeral = mounts.find((mount) => mount.storage === 'ephemeral')?.volume;
      const node = mounts.find((mount) => mount.storage === 'node')?.volume;
      if (ephemeral !== undefined) {
        report({
          messageId: 'empty-dir',
          data: { ...data, volume: ephemeral.name },
          node: workload,
          at: pointerTo(ephemeral.source, 'emptyDir'),
        });
      } else if (node !== undefined) {
        report({
          messageId: 'host-path',
          data: { ...data, volume: node.name },
          node: workload,
          at: pointerTo(node.source, 'hostPath'),
        });
      } else {
        report({ messageId: 'no-volume', data, node: workload, at: pointerTo(container.source, 'volumeMounts') });
      }
    }
  },
});
