import { pointerTo } from '../../core/source.js';
import { describeComposeService, productionComposeServices } from '../../model/compose.js';
import { defineRule } from '../define-rule.js';

/** Capabilities that give a container control over the host or its network (as no-dangerous-capabilities lists them). */
const DANGEROUS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'DAC_READ_SEARCH',
  'BPF',
  'NET_RAW',
]);

const DOCKER_SOCKET = /^(\/var)?\/run\/docker\.sock$/;

function canonical(capability: string): string {
  const upper = capability.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export default defineRule({
  id: 'no-privileged-compose-service',
  pillar: 'security',
  title: 'Compose services get no host-level privileges',
  rationale:
    'A privileged container, one sharing the host’s network, process or IPC namespace, one with capabilities such as SYS_ADMIN, or one given the Docker socket can take over the host, so one compromised service compromises every other service on it.',
  remediation:
    'Remove privileged, network_mode: host, pid: host, ipc: host, the dangerous cap_add entries and the /var/run/docker.sock mount, and grant the narrow permission the service really needs.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Reports privileged: true; network_mode, pid or ipc set to host; cap_add of ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, DAC_READ_SEARCH, BPF or NET_RAW (any case, with or without CAP_), the list no-dangerous-capabilities uses for pods; and a bind mount of the Docker socket, which is root on the host. KICS has the same Compose checks. Monitoring agents (cAdvisor, node exporters) may need some of these: suppress them with a reason. Required from launch, like no-dangerous-capabilities; Compose files whose name marks them as development files (docker-compose.dev.yml…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'Docker: runtime privilege and Linux capabilities',
      url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
    },
    {
      title: 'OWASP: Docker security cheat sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    },
  ],
  messages: {
    privileged: (data: { service: string }) =>
      `The ${data.service} runs privileged, with every capability and access to the host’s devices.`,
    'host-namespace': (data: { service: string; setting: string }) =>
      `The ${data.service} shares the host’s namespace with ${data.setting}: host.`,
    capability: (data: { service: string; capability: string }) =>
      `The ${data.service} adds the capability ${data.capability}.`,
    'docker-socket': (data: { service: string }) =>
      `The ${data.service} mounts the Docker socket, which gives it control of the host.`,
  },
  appliesTo: (model) => productionComposeServices(model).length,
  check({ model, report }) {
    for (const service of productionComposeServices(model)) {
      const described = describeComposeService(service);
      if (service.privileged === true) {
        report({
          messageId: 'privileged',
          data: { service: described },
          node: service,
          at: pointerTo(service.source, 'privileged'),
        });
      }
      const namespaces = [
        ['network_mode', service.networkMode],
        ['pid', service.pid],
        ['ipc', service.ipc],
      ] as const;
      for (const [setting, value] of namespaces) {
        if (value?.trim().toLowerCase() !== 'host') continue;
        report({
          messageId: 'host-namespace',
          data: { service: described, setting },
          node: service,
          at: pointerTo(service.source, setting),
        });
      }
      for (const capability of service.capAdd) {
        const name = canonical(capability.name);
        if (!DANGEROUS.has(name)) continue;
        report({
          messageId: 'capability',
          data: { service: described, capability: name },
          node: service,
          at: capability.source,
        });
      }
      for (const volume of service.volumes) {
        if (volume.type !== 'bind' && volume.type !== 'other') continue;
        if (!DOCKER_SOCKET.test(volume.hostSource ?? '')) continue;
        report({ messageId: 'docker-socket', data: { service: described }, node: service, at: volume.source });
      }
    }
  },
});
