import { productionImageBuilds } from '../../model/image-builds.js';
import { defineRule } from '../define-rule.js';
import { isCredentialName } from './no-secret-in-env.js';

export default defineRule({
  id: 'no-secrets-in-dockerfile',
  pillar: 'security',
  title: 'Dockerfiles hold no credentials in ARG or ENV',
  rationale:
    'An ARG or ENV value is recorded in the image configuration and history, so a credential written or passed there reaches everyone who can pull the image, and one written in the file is also in Git history.',
  remediation:
    'Pass build-time credentials with RUN --mount=type=secret and runtime ones through the platform’s secret store, remove the ARG or ENV, and rotate any value that was exposed.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Variable names are judged as no-secret-in-env judges them (PASSWORD, SECRET, TOKEN, API_KEY… unless a later part such as _FILE or _ID makes the name describe a credential rather than hold it). Reported: an ARG default or ENV value written literally under such a name; an ENV of the final image that copies a credential from a variable, since it stays in the image configuration; an ARG with such a name and no default, which is how a credential gets passed with --build-arg (Docker’s own SecretsUsedInArgOrEnv check and Trivy DS-0031 report the same); and any ARG or ENV holding a URL with a literal password, whatever its name. Values are never echoed: the parser keeps only whether a value is literal. Numbers, booleans, durations and absolute paths are not taken for credentials. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'Docker build checks: SecretsUsedInArgOrEnv',
      url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    },
    { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
  ],
  messages: {
    'literal-value': (data: { instruction: string; variable: string; dockerfile: string }) =>
      `${data.instruction} "${data.variable}" in ${data.dockerfile} looks like a credential and is written as a literal value.`,
    'credential-in-url': (data: { instruction: string; variable: string; dockerfile: string }) =>
      `${data.instruction} "${data.variable}" in ${data.dockerfile} holds a URL with a literal password.`,
    'persisted-env': (data: { variable: string; dockerfile: string }) =>
      `ENV "${data.variable}" in ${data.dockerfile} copies a credential into the configuration of the final image.`,
    'build-arg': (data: { variable: string; dockerfile: string }) =>
      `ARG "${data.variable}" in ${data.dockerfile} takes a credential as a build argument, which is recorded in the image history.`,
  },
  appliesTo: (model) => productionImageBuilds(model).length,
  check({ model, report }) {
    for (const build of productionImageBuilds(model)) {
      for (const variable of build.variables) {
        const data = { instruction: variable.instruction, variable: variable.name, dockerfile: build.path };
        const at = variable.source;
        if (variable.value.credentialInUrl) {
          report({ messageId: 'credential-in-url', data, node: build, at });
          continue;
        }
        if (!isCredentialName(variable.name)) continue;
        if (variable.value.literal) {
          report({ messageId: 'literal-value', data, node: build, at });
        } else if (variable.instruction === 'ENV') {
          if (variable.value.reference && build.finalEnvironment.includes(variable))
            report({ messageId: 'persisted-env', data, node: build, at });
        } else if (!variable.value.present || variable.value.reference) {
          report({ messageId: 'build-arg', data, node: build, at });
        }
      }
    }
  },
});
