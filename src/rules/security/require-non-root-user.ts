import { productionImageBuilds } from '../../model/image-builds.js';
import { defineRule } from '../define-rule.js';

/** Base images that already run as an unprivileged user (distroless `:nonroot`, `…-nonroot` tags). */
function isNonRootBase(reference: string | undefined): boolean {
  return reference !== undefined && /(^|[^a-z])nonroot([^a-z]|$)/i.test(reference);
}

export default defineRule({
  id: 'require-non-root-user',
  pillar: 'security',
  title: 'Images built here switch to a non-root user',
  rationale:
    'Without a USER instruction the image runs its process as root, so a flaw in the application or a container escape starts with root privileges, and every platform that does not override the user inherits that default.',
  remediation:
    'Create an unprivileged user in the final stage and end the Dockerfile with USER <name or uid>, after the steps that need root.',
  requiredFrom: 'launch',
  requiredWhen: [{ from: 'prototype', compliance: ['pci-dss', 'hipaa'] }],
  status: 'stable',
  notes:
    'Reads the last USER of the final stage, following FROM <stage> back through earlier stages, as Checkov CKV_DOCKER_8 and Trivy DS-0002 do; a USER in a build stage the final image does not derive from does not count. USER root, USER 0 and their group forms fail. When no USER is set the rule passes only for base images whose reference names a nonroot variant (distroless :nonroot, *-nonroot tags); other bases are taken to run as root, as most do. A USER made of a variable without a value leaves the rule undecided. Required from launch, like no-root-user for pods; from the first stage when the profile names PCI DSS or HIPAA, whose audits ask for least privilege everywhere. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    {
      title: 'Docker: building best practices (USER)',
      url: 'https://docs.docker.com/build/building/best-practices/#user',
    },
  ],
  messages: {
    root: (data: { dockerfile: string; user: string }) =>
      `The final image of ${data.dockerfile} runs as root: its last USER is "${data.user}".`,
    missing: (data: { dockerfile: string; image: string }) =>
      `The final image of ${data.dockerfile} sets no USER, so it runs as the user of "${data.image}", root unless that image says otherwise.`,
  },
  appliesTo: (model) => productionImageBuilds(model).length,
  check({ model, report, undecided }) {
    for (const build of productionImageBuilds(model)) {
      const { user } = build;
      if (user.runsAs === 'root') {
        report({
          messageId: 'root',
          data: { dockerfile: build.path, user: user.user ?? '' },
          node: build,
          at: user.source,
        });
      } else if (user.runsAs === 'unknown') {
        undecided({
          node: build,
          at: user.source,
          reason: `The last USER of ${build.path} is a variable without a value, so the user of the final image is unknown.`,
        });
      } else if (user.runsAs === 'unset' && !isNonRootBase(build.baseImage.resolved)) {
        report({
          messageId: 'missing',
          data: { dockerfile: build.path, image: build.baseImage.resolved ?? build.baseImage.written },
          node: build,
          at: user.source,
        });
      }
    }
  },
});
