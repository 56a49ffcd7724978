import { describeComposeService, effectiveRestart, productionComposeServices } from '../../model/compose.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-compose-restart-policy',
  pillar: 'availability',
  title: 'Compose services restart after a crash or a reboot',
  rationale:
    'Compose’s default restart policy is "no": a service that crashes, runs out of memory or was running when the host rebooted stays down until someone starts it by hand.',
  remediation:
    'Set restart: unless-stopped (or always, or on-failure for a service that may exit cleanly) on every long-running service, or deploy.restart_policy when deploying to Swarm.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Reads restart, else deploy.restart_policy.condition (whose Swarm default is any), through the definitions Compose merges into the service. restart: "no" and condition: none are reported at their key, a missing policy at the service. One-off tasks that another service waits for with condition: service_completed_successfully are not judged; nor are Compose files whose name marks them as development files (docker-compose.dev.yml…) or that sit in .devcontainer/. KICS asks for on-failure with five attempts; any policy that restarts is accepted here.',
  references: [
    {
      title: 'Compose file reference: restart',
      url: 'https://docs.docker.com/reference/compose-file/services/#restart',
    },
    {
      title: 'Docker: start containers automatically',
      url: 'https://docs.docker.com/engine/containers/start-containers-automatically/',
    },
  ],
  messages: {
    missing: (data: { service: string }) =>
      `The ${data.service} sets no restart policy, so it stays down after a crash or a host reboot.`,
    disabled: (data: { service: string; policy: string }) =>
      `The ${data.service} has restart policy "${data.policy}", so it stays down after a crash or a host reboot.`,
  },
  appliesTo: (model) => productionComposeServices(model).filter((service) => !service.runsToCompletion).length,
  check({ model, report }) {
    for (const service of productionComposeServices(model)) {
      if (service.runsToCompletion) continue;
      const restart = effectiveRestart(model, service);
      const described = describeComposeService(service);
      if (restart === undefined) {
        report({ messageId: 'missing', data: { service: described }, node: service, at: service.source });
      } else if (!restart.restarts) {
        report({
          messageId: 'disabled',
          data: { service: described, policy: restart.policy },
          node: service,
          at: restart.source,
        });
      }
    }
  },
});
