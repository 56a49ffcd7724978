import { durationSeconds } from '../config/schema.js';
import type { ManagedService } from '../model/infrastructure.js';
import type { ModelNode, SystemModel, UnmodelledObject } from '../model/types.js';
import { engineOfImage, type OperatorKind, operatorKindOf, type StatefulEngine } from '../reference/engines.js';
import { failoverFigure, replicasOf } from './components.js';
import { defineScenario, type Outcome, type PathOutcome, worstOutcome } from './define-scenario.js';
import { NODE_LOSS_RECOVERY_SECONDS } from './node-loss.js';

/** Managed-service categories that hold data a path needs. */
const DATASTORE_CATEGORIES: ReadonlySet<string> = new Set(['database', 'cache', 'queue']);

/**
 * What a datastore's failure costs, before it is held against the profile. `unbounded`: nothing
 * brings it back (or keeps the data) without a person; undefined: the files and the reference
 * notes do not tell.
 */
interface Failure {
  readonly recovery: number | 'unbounded' | undefined;
  /** `not-applicable`: the engine keeps nothing worth restoring (a memory-only cache). */
  readonly dataLoss: number | 'unbounded' | 'not-applicable' | undefined;
  /** What happens, in words, with the source of any figure. */
  readonly description: string;
}

interface DatastoreFate {
  readonly id: string;
  readonly outcome: Outcome;
  readonly recoverySeconds: number | undefined;
  readonly dataLossSeconds: number | undefined;
  readonly reason: string;
}

interface Targets {
  readonly rto: { readonly text: string; readonly seconds: number } | undefined;
  readonly rpo: { readonly text: string; readonly seconds: number } | undefined;
}

/** The engine a workload or compose service runs, from its images. */
function selfHostedEngine(node: ModelNode): StatefulEngine | undefined {
  if (node.kind === 'workload') {
    for (const container of node.pod.containers) {
      const engine = container.image === undefined ? undefined : engineOfImage(container.image);
      if (engine !== undefined) return engine;
    }
    return undefined;
  }
  if (node.kind === 'compose-service' && node.image !== undefined) return engineOfImage(node.image.reference);
  return undefined;
}

/** An operator resource anywhere in the files that runs the same engine. */
function operatorFor(
  model: SystemModel,
  engine: StatefulEngine,
): { readonly object: UnmodelledObject; readonly kind: OperatorKind } | undefined {
  for (const object of model.unmodelled) {
    const kind = operatorKindOf(object);
    if (kind?.engine === engine.engine) return { object, kind };
  }
  return undefined;
}

function selfHostedFailure(model: SystemModel, node: ModelNode, engine: StatefulEngine): Failure {
  const memoryOnly = engine.persistence === 'none';
  const dataLoss = memoryOnly ? 'not-applicable' : undefined;
  const what = `${node.id} runs ${engine.engine} itself`;
  if (node.kind === 'compose-service') {
    return {
      recovery: 'unbounded',
      dataLoss,
      description: `${what} on one Docker host: when it fails nothing takes over, and it is down until someone restores it`,
    };
  }
  if (node.kind !== 'workload') return { recovery: undefined, dataLoss, description: `${what}` };
  if (node.workloadKind === 'DaemonSet') {
    return {
      recovery: undefined,
      dataLoss,
      description: `${what} as a DaemonSet: its pod count is the cluster's node count, which the files do not show`,
    };
  }
  const replicas = replicasOf(model, node);
  if (replicas === undefined) {
    return { recovery: undefined, dataLoss, description: `${what} with a replica count the files do not show` };
  }
  if (memoryOnly) {
    if (replicas >= 2) {
      return {
        recovery: 0,
        dataLoss,
        description: `${what} in ${replicas} replicas holding a memory-only cache: the others keep serving and the lost share refills`,
      };
    }
    return node.workloadKind === 'StatefulSet'
      ? {
          recovery: 'unbounded',
          dataLoss,
          description: `${what} in one StatefulSet replica: a pod on a lost node is not replaced until the node is deleted or the pod force-deleted`,
        }
      : {
          recovery: NODE_LOSS_RECOVERY_SECONDS,
          dataLoss,
          description: `${what} in one replica holding a memory-only cache: it comes back empty when its pod is replaced, within ${NODE_LOSS_RECOVERY_SECONDS} s with the node-loss timings`,
        };
  }
  const operator = operatorFor(model, engine);
  const managedBy =
    operator === undefined ? undefined : `${operator.kind.operator} (${operator.object.kind} ${operator.object.name})`;
  if (replicas < 2) {
    return operator === undefined
      ? {
          recovery: 'unbounded',
          dataLoss,
          description: `${what} in a single replica with no operator: when it fails (its data or its node is lost) nothing takes over, and the path is down until someone restores it`,
        }
      : {
          recovery: undefined,
          dataLoss,
          description: `${what} in a single replica; ${managedBy} may recreate it, from a backup, in a time the files do not show`,
        };
  }
  return operator === undefined
    ? {
        recovery: undefined,
        dataLoss,
        description: `${what} in ${replicas} replicas with no operator: whether a replica takes over depends on the engine's own replication and failover (Patroni, repmgr, Sentinel, Galera…), which the files do not show`,
      }
    : {
        recovery: undefined,
        dataLoss,
        description: `${what} in ${replicas} replicas managed by ${managedBy}: failover to a replica assumed, in a time the files do not show`,
      };
}

function managedFailure(service: ManagedService): Failure {
  const what = service.address;
  const basis = service.availability.basis;
  switch (service.availability.tier) {
    case 'multi-region':
    case 'zone-redundant':
    case 'zonal-ha': {
      const figure = failoverFigure(service);
      if (figure === undefined) {
        return {
          recovery: undefined,
          dataLoss: undefined,
          description: `${what} fails over to its standby (${basis}); the reference notes hold no failover time or data loss for it`,
        };
      }
      return {
        recovery: figure.recoverySeconds,
        dataLoss: figure.dataLossSeconds,
        description: `${what} fails over to its standby (${basis}): ${figure.basis} (${figure.source})`,
      };
    }
    case 'single':
    case 'no-sla': {
      const backupsOff = service.backup?.enabled?.state !== 'unresolved' && service.backup?.enabled?.value === false;
      return {
        recovery: undefined,
        dataLoss: backupsOff ? 'unbounded' : undefined,
        description: backupsOff
          ? `${what} has no standby (${basis}) and automated backups are off: the data is lost`
          : `${what} has no standby (${basis}): it comes back by a restore from backup, whose duration the provider does not publish; the restore point depends on the provider's log backups, for which the reference notes give no interval`,
      };
    }
    case 'provider-managed':
      return {
        recovery: undefined,
        dataLoss: undefined,
        description: `${what} is replicated and failed over by the provider (${basis}), with no published recovery time`,
      };
    case 'not-applicable':
    case 'unknown':
      return { recovery: undefined, dataLoss: undefined, description: `${what}: ${basis}` };
    default:
      return service.availability.tier satisfies never;
  }
}

/** The failure of one component, if it is a datastore. */
function datastoreFailure(model: SystemModel, node: ModelNode | undefined): Failure | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'managed-service') {
    return DATASTORE_CATEGORIES.has(node.category) ? managedFailure(node) : undefined;
  }
  const engine = selfHostedEngine(node);
  return engine === undefined ? undefined : selfHostedFailure(model, node, engine);
}

function seconds(value: number): string {
  return `${value} s`;
}

/** Holds a failure against the profile's RTO and RPO. */
function judge(id: string, failure: Failure, targets: Targets): DatastoreFate {
  const outcomes: Outcome[] = [];
  const verdicts: string[] = [];
  const { recovery, dataLoss } = failure;
  const rto = targets.rto;
  if (recovery === 'unbounded') {
    outcomes.push('outage');
    verdicts.push(
      rto === undefined ? 'recovery: no bound' : `recovery: no bound > RTO ${rto.text} (${seconds(rto.seconds)})`,
    );
  } else if (recovery === undefined) {
    outcomes.push('unknown');
    verdicts.push('recovery time not known');
  } else if (recovery === 0) {
    outcomes.push('survives');
    verdicts.push('recovery: 0 s');
  } else if (rto === undefined) {
    outcomes.push('unknown');
    verdicts.push(`recovery ${seconds(recovery)}; the profile sets no rto to compare with`);
  } else if (recovery > rto.seconds) {
    outcomes.push('outage');
    verdicts.push(`recovery ${seconds(recovery)} > RTO ${rto.text} (${seconds(rto.seconds)})`);
  } else {
    outcomes.push('degraded');
    verdicts.push(`recovery ${seconds(recovery)} ≤ RTO ${rto.text}: an interruption within the target`);
  }
  const rpo = targets.rpo;
  if (dataLoss !== 'not-applicable' && rpo !== undefined) {
    if (dataLoss === 'unbounded') {
      outcomes.push('outage');
      verdicts.push(`data lost: no bound > RPO ${rpo.text}`);
    } else if (dataLoss === undefined) {
      outcomes.push('unknown');
      verdicts.push(`data lost not known, against RPO ${rpo.text}`);
    } else if (dataLoss > rpo.seconds) {
      outcomes.push('outage');
      verdicts.push(`data lost ${seconds(dataLoss)} > RPO ${rpo.text} (${seconds(rpo.seconds)})`);
    } else {
      verdicts.push(`data lost ${seconds(dataLoss)} ≤ RPO ${rpo.text}`);
    }
  }
  // Not knowing whether a target is met outweighs knowing that another one is.
  const outcome: Outcome = outcomes.includes('outage')
    ? 'outage'
    : outcomes.includes('unknown')
      ? 'unknown'
      : outcomes.includes('degraded')
        ? 'degraded'
        : 'survives';
  return {
    id,
    outcome,
    recoverySeconds: typeof recovery === 'number' ? recovery : undefined,
    dataLossSeconds: typeof dataLoss === 'number' ? dataLoss : undefined,
    reason: `${failure.description}; ${verdicts.join('; ')}`,
  };
}

function target(text: string | undefined): Targets['rto'] {
  return text === undefined ? undefined : { text, seconds: durationSeconds(text) };
}

/** The largest of the values when every one is known; undefined otherwise. */
function boundedMaximum(values: readonly (number | undefined)[]): number | undefined {
  if (values.some((value) => value === undefined)) return undefined;
  return Math.max(0, ...(values as number[]));
}

export default defineScenario({
  id: 'datastore-failure',
  title: 'A datastore fails',
  question:
    'If a database, cache or queue a path needs fails, does it fail over or must it be restored, and is that within the RTO and RPO?',
  // Recovery beyond the RTO or RPO promised is a promise the design cannot keep.
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  failsOn: ['outage'],
  run({ model, profile }) {
    const targets: Targets = { rto: target(profile.rto), rpo: target(profile.rpo) };
    const paths: PathOutcome[] = model.userPaths.map((path) => {
      const fates = path.components.flatMap((id) => {
        const failure = datastoreFailure(model, model.nodeById(id));
        return failure === undefined ? [] : [judge(id, failure, targets)];
      });
      if (fates.length === 0) {
        return {
          name: path.name,
          outcome: 'survives',
          failing: [],
          reason: 'no datastore on the path (a workload running a database, cache or queue image, or a managed one)',
        };
      }
      const failing = fates.filter((fate) => fate.outcome !== 'survives');
      const recoverySeconds = failing.length === 0 ? 0 : boundedMaximum(failing.map((fate) => fate.recoverySeconds));
      const withData = fates.filter((fate) => datastoreKeepsData(model, fate.id));
      const dataLossSeconds =
        withData.length === 0 ? undefined : boundedMaximum(withData.map((fate) => fate.dataLossSeconds));
      return {
        name: path.name,
        outcome: worstOutcome(fates.map((fate) => fate.outcome)),
        ...(recoverySeconds === undefined ? {} : { recoverySeconds }),
        ...(dataLossSeconds === undefined ? {} : { dataLossSeconds }),
        failing: failing.map((fate) => fate.id),
        reason: fates.map((fate) => fate.reason).join('. '),
      };
    });
    return {
      paths,
      assumptions: [
        'Each datastore on a path fails in turn (its primary instance or its data is lost); the path counts with the worst one. A datastore is a workload or compose service whose image runs a known database, cache or queue engine, or a managed database, cache or queue declared in Terraform.',
        'A managed datastore with a standby (high availability, zone-redundant or multi-region) fails over; the failover time and the data lost come from the providers\u2019 documentation as collected in the resilience notes §2.4 (a range at its upper end); where no figure is published the recovery is unknown.',
        'A managed datastore without a standby comes back by a restore from backup: providers publish no restore time, and the reference notes give no log-backup interval, so its recovery and data loss are unknown (lost outright when automated backups are off).',
        'A datastore we run ourselves in one replica has nothing to take over: it is down until someone restores it, with no bound. An operator resource for the same engine anywhere in the files (CloudNativePG, Strimzi…) is taken to manage it: a failover is then assumed, in an unknown time. Several replicas without an operator may fail over by the engine\u2019s own clustering, which the files do not show.',
        'A memory-only cache (memcached) loses nothing that must be restored; one replica comes back empty when its pod is replaced (node-loss timings).',
        `Recovery above the profile's RTO, or data loss above its RPO, is an outage; within both, a failover still interrupts the path (degraded); without a target to compare with, or a figure, the outcome is unknown.${profile.rto === undefined ? ' The profile sets no rto.' : ''}${profile.rpo === undefined ? ' The profile sets no rpo.' : ''}`,
      ],
    };
  },
});

/** Whether a datastore's data matters for the RPO: all but memory-only caches. */
function datastoreKeepsData(model: SystemModel, id: string): boolean {
  const node = model.nodeById(id);
  if (node === undefined || node.kind === 'managed-service') return true;
  return selfHostedEngine(node)?.persistence !== 'none';
}
