import { type ManagedService, settingValue } from '../model/infrastructure.js';
import { type ComponentFate, pathsFromFates } from './components.js';
import { defineScenario } from './define-scenario.js';
import { geoReplicatedStorage } from './zones.js';

/** How a managed service comes back after its region is lost, from the copies the files show. */
function managedRecovery(service: ManagedService): string {
  const geo = service.backup?.geoRedundant;
  if (geo?.state === 'unresolved') {
    return `whether its backups are copied to another region cannot be evaluated (${geo.expression}: ${geo.reason})`;
  }
  if (settingValue(geo) === true) {
    return 'its backups are copied to another region: a geo-restore there, within hours (no published figure in the notes)';
  }
  if (geoReplicatedStorage(service)) {
    const redundancy = settingValue(service.redundancy) ?? '';
    return `its data is replicated to a second region (${redundancy}): a failover there, within hours (no published figure in the notes)`;
  }
  return service.category === 'database' || service.category === 'cache' || service.category === 'storage'
    ? 'the files show no copy of its data outside the region: no bound, and its data may be lost'
    : 'the files show no copy outside the region: back when the region is';
}

function managedFate(service: ManagedService): ComponentFate {
  const id = service.id;
  const basis = service.availability.basis;
  switch (service.availability.tier) {
    case 'multi-region':
      return {
        outcome: 'survives',
        recoverySeconds: undefined,
        reason: `${id} runs in several regions (${basis}); how long its failover takes is not published in the notes`,
      };
    case 'not-applicable':
      return { outcome: 'survives', recoverySeconds: 0, reason: `${id} serves no requests (${basis})` };
    case 'unknown':
      return {
        outcome: 'unknown',
        recoverySeconds: undefined,
        reason: `${id}: its configuration cannot be evaluated (${basis})`,
      };
    case 'zone-redundant':
    case 'zonal-ha':
    case 'single':
    case 'no-sla':
    case 'provider-managed':
      return {
        outcome: 'outage',
        recoverySeconds: undefined,
        reason: `${id} has no replica outside the lost region (${basis}); ${managedRecovery(service)}`,
      };
  }
}

export default defineScenario({
  id: 'region-outage',
  title: 'A region is lost',
  question: 'If the whole region fails, which paths keep serving, and what brings the others back?',
  run({ model }) {
    const fateOf = (id: string): ComponentFate => {
      const node = model.nodeById(id);
      if (node === undefined) {
        return {
          outcome: 'unknown',
          recoverySeconds: undefined,
          reason: `${id} is outside the repository: whether it survives the region is not known`,
        };
      }
      switch (node.kind) {
        case 'workload':
          return {
            outcome: 'outage',
            recoverySeconds: undefined,
            reason: `${id} runs in a cluster in the lost region; the model shows no cluster in another region to take over: no bound`,
          };
        case 'compose-service':
          return {
            outcome: 'outage',
            recoverySeconds: undefined,
            reason: `${id} runs on one Docker host, in the lost region: no bound`,
          };
        case 'managed-service':
          return managedFate(node);
        default:
          return { outcome: 'survives', recoverySeconds: 0, reason: `${id} has no pods of its own` };
      }
    };
    const paths = pathsFromFates(model, fateOf);
    const multiRegion = model.managedServices.filter((service) => service.availability.tier === 'multi-region');
    return {
      paths,
      assumptions: [
        'The whole region is lost: every cluster, node, Docker host and single-region managed service in it.',
        `The model records no region for clusters or Docker hosts, so they are all taken to be in the lost region; a second region is recognised only in a managed service configured for it (${
          multiRegion.length === 0
            ? 'none in these files'
            : multiRegion.map((service) => `${service.id}: ${service.availability.basis}`).join('; ')
        }).`,
        'A managed service with backups or data copied to another region comes back by a geo-restore or failover there, in hours: the notes hold no published figure, so no time is given. Without such a copy, recovery has no bound and data may be lost.',
        'Ingress controllers, load balancers and DNS are outside the model; services outside the repository are not known.',
      ],
    };
  },
});
