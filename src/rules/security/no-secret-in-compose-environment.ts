import { describeComposeService, productionComposeServices } from '../../model/compose.js';
import { defineRule } from '../define-rule.js';
import { isCredentialName } from './no-secret-in-env.js';

export default defineRule({
  id: 'no-secret-in-compose-environment',
  pillar: 'security',
  title: 'Compose files hold no literal credentials',
  rationale:
    'A password or token written into a compose file is stored in Git history, readable by everyone with the repository and shown by docker inspect, and cannot be rotated without a commit.',
  remediation:
    'Reference the credential as a variable filled from an uncommitted .env file or the deployment (DB_PASSWORD: $DB_PASSWORD), or use Compose secrets, and rotate the exposed value.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Reads environment (list or mapping) and build args of every service. Names are judged as no-secret-in-env judges them. A value made only of variable references passes; a default written inside one (the :-default form of a braced variable) is committed and is reported. A variable listed without a value passes through from the host and passes. Any value holding a URL with a literal password is reported whatever its name. Messages name the variable, never its value; the model keeps only whether the value is literal. Compose files whose name marks them as development files (docker-compose.dev.yml, compose.local.yaml, docker-compose.test.yml…) or that sit in .devcontainer/ are not judged, since throwaway local passwords are common there.',
  references: [
    { title: 'Docker Compose: use secrets', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' },
    {
      title: 'Docker Compose: set environment variables',
      url: 'https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/',
    },
  ],
  messages: {
    'secret-name': (data: { variable: string; service: string }) =>
      `Environment variable "${data.variable}" of the ${data.service} looks like a credential and is written as a literal value.`,
    'credential-in-url': (data: { variable: string; service: string }) =>
      `Variable "${data.variable}" of the ${data.service} holds a URL with a literal password.`,
    'build-arg': (data: { variable: string; service: string }) =>
      `Build argument "${data.variable}" of the ${data.service} looks like a credential and is written as a literal value.`,
  },
  appliesTo: (model) => productionComposeServices(model).length,
  check({ model, report }) {
    for (const service of productionComposeServices(model)) {
      const described = describeComposeService(service);
      const variables = [
        ...service.environment.map((variable) => ({ variable, messageId: 'secret-name' as const })),
        ...(service.build?.args ?? []).map((variable) => ({ variable, messageId: 'build-arg' as const })),
      ];
      for (const { variable, messageId } of variables) {
        const data = { variable: variable.name, service: described };
        if (variable.value.credentialInUrl) {
          report({ messageId: 'credential-in-url', data, node: service, at: variable.source });
        } else if (variable.value.literal && isCredentialName(variable.name)) {
          report({ messageId, data, node: service, at: variable.source });
        }
      }
    }
  },
});
