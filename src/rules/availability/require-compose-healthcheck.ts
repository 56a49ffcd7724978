import {
  type ComposeService,
  describeComposeService,
  effectiveHealthcheck,
  productionComposeServices,
} from '../../model/compose.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Long-running services: not one-off tasks that another service waits to see completed. */
function longRunning(model: SystemModel): readonly ComposeService[] {
  return productionComposeServices(model).filter((service) => !service.runsToCompletion);
}

export default defineRule({
  id: 'require-compose-healthcheck',
  pillar: 'availability',
  title: 'Compose services declare a health check',
  rationale:
    'Without a health check Compose only knows whether the process runs: a container that hangs or lost its database stays "up", dependants start against it, and nothing reports it unhealthy.',
  remediation:
    'Add a healthcheck with a test that proves the service can serve (an HTTP endpoint, pg_isready, redis-cli ping) to the service, or a HEALTHCHECK to the Dockerfile it builds.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'The service passes with its own healthcheck, one from the definitions Compose merges into it (the main file, compose.override.yaml, extends), or the HEALTHCHECK of the Dockerfile it builds, which Compose uses when the service has none; this is where an image run by Compose without a check is reported, so require-dockerfile-healthcheck leaves those images alone. disable: true, test: ["NONE"] and HEALTHCHECK NONE are reported as turned off. A service another service waits for with condition: service_completed_successfully is a one-off task and is not judged. HEALTHCHECKs built into pulled images are not known to the scan, so an image such as one whose vendor ships a check may be reported; suppress it with a reason. Compose files whose name marks them as development files (docker-compose.dev.yml…) or that sit in .devcontainer/ are not judged. KICS reports healthcheck_not_set for Compose too.',
  references: [
    {
      title: 'Compose file reference: healthcheck',
      url: 'https://docs.docker.com/reference/compose-file/services/#healthcheck',
    },
    { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
  ],
  messages: {
    missing: (data: { service: string }) =>
      `The ${data.service} has no healthcheck, and builds no image that declares one.`,
    disabled: (data: { service: string }) => `The health check of the ${data.service} is turned off.`,
  },
  appliesTo: (model) => longRunning(model).length,
  check({ model, report }) {
    for (const service of longRunning(model)) {
      const health = effectiveHealthcheck(model, service);
      if (health.state === 'checked') continue;
      report({
        messageId: health.state,
        data: { service: describeComposeService(service) },
        node: service,
        at: health.source,
      });
    }
  },
});
