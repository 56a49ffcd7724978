import { imageBuildFor, productionComposeServices } from '../../model/compose.js';
import { type ImageBuild, productionImageBuilds } from '../../model/image-builds.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/**
 * Images whose HEALTHCHECK matters to this rule: not built by a compose service (there,
 * require-compose-healthcheck judges the service and accepts the Dockerfile's check), in a
 * repository that does not run them on Kubernetes (the kubelet ignores HEALTHCHECK).
 */
function judgedBuilds(model: SystemModel): readonly ImageBuild[] {
  if (model.workloads.length > 0) return [];
  const composed = new Set(productionComposeServices(model).map((service) => imageBuildFor(model, service)));
  return productionImageBuilds(model).filter((build) => !composed.has(build));
}

export default defineRule({
  id: 'require-dockerfile-healthcheck',
  pillar: 'availability',
  title: 'Images run outside Kubernetes and Compose declare a HEALTHCHECK',
  rationale:
    'Docker, Swarm and other container runners that read the image’s HEALTHCHECK can only restart or stop routing to a container that hangs while its process stays up if the image says how to check it.',
  remediation:
    'Add a HEALTHCHECK CMD to the final stage that probes the endpoint proving the service can serve, with an interval and timeout suited to it.',
  requiredFrom: 'enterprise',
  status: 'stable',
  notes:
    'Checkov CKV_DOCKER_2 and Trivy DS-0026 ask every Dockerfile for a HEALTHCHECK; here the rule is advice until the enterprise stage and judges only images the repository does not run otherwise. Images a compose service builds are judged at the service by require-compose-healthcheck, at launch, which accepts the Dockerfile’s HEALTHCHECK as the service’s own. In a repository with Kubernetes workloads the rule does not apply: the kubelet ignores HEALTHCHECK and require-readiness-probe covers health there. The HEALTHCHECK is read from the final stage and the stages it derives from; HEALTHCHECK NONE is reported as turned off. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
  ],
  messages: {
    missing: (data: { dockerfile: string }) => `The final image of ${data.dockerfile} declares no HEALTHCHECK.`,
    disabled: (data: { dockerfile: string }) =>
      `The final image of ${data.dockerfile} turns its health check off with HEALTHCHECK NONE.`,
  },
  appliesTo: (model) => judgedBuilds(model).length,
  check({ model, report }) {
    for (const build of judgedBuilds(model)) {
      const data = { dockerfile: build.path };
      if (build.healthcheck === undefined) {
        report({ messageId: 'missing', data, node: build, at: build.endOfFinalStage });
      } else if (build.healthcheck.mode === 'none') {
        report({ messageId: 'disabled', data, node: build, at: build.healthcheck.source });
      }
    }
  },
});
