import { describeComposeService, effectiveHealthcheck, productionComposeServices } from '../../model/compose.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-compose-depends-on-healthy',
  pillar: 'availability',
  title: 'Compose services wait for dependencies to be healthy',
  rationale:
    'A depends_on without a condition only waits for the dependency’s container to start, not for it to accept connections, so a service started with its database fails its first requests or crashes and depends on restarts to recover.',
  remediation:
    'Use the long form of depends_on with condition: service_healthy for every dependency that has a health check.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Applies to depends_on entries (list form, or condition: service_started) whose target has a health check, its own or its Dockerfile’s; a dependency without one is left to require-compose-healthcheck. The failure is a start-up race that a restart policy usually papers over, so the rule is required from growth, when deploys are frequent and the race shows as errors on every release. Compose files whose name marks them as development files (docker-compose.dev.yml…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'Docker Compose: control startup order',
      url: 'https://docs.docker.com/compose/how-tos/startup-order/',
    },
    {
      title: 'Compose file reference: depends_on',
      url: 'https://docs.docker.com/reference/compose-file/services/#depends_on',
    },
  ],
  messages: {
    'started-only': (data: { service: string; dependency: string }) =>
      `The ${data.service} waits only for "${data.dependency}" to start, though it has a health check: use condition: service_healthy.`,
  },
  appliesTo: (model) => productionComposeServices(model).filter((service) => service.dependsOn.length > 0).length,
  check({ model, report }) {
    for (const service of productionComposeServices(model)) {
      for (const dependency of service.dependsOn) {
        if (dependency.condition !== 'service_started' || dependency.target === undefined) continue;
        const target = model.composeServices.find((candidate) => candidate.id === dependency.target);
        if (target === undefined || effectiveHealthcheck(model, target).state !== 'checked') continue;
        report({
          messageId: 'started-only',
          data: { service: describeComposeService(service), dependency: dependency.service },
          node: service,
          at: dependency.source,
        });
      }
    }
  },
});
