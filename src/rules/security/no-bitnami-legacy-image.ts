import { pointerTo, type SourcePointer } from '../../core/source.js';
import { describeComposeService, productionComposeServices } from '../../model/compose.js';
import type { ModelNode, SystemModel } from '../../model/types.js';
import { isDockerHubImage, parseImageReference } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

/**
 * Bitnami's change of 2025-08-28: the free Debian-based images of `docker.io/bitnami/*` moved
 * to `docker.io/bitnamilegacy/*`, which gets no further updates; free hardened images remain
 * only at `bitnamisecure/*`. Source: research notes `resilience.md` §4.2, citing
 * bitnami/containers#83267 and bitnami/charts#35164.
 */
const BITNAMI_CHANGE_DATE = '2025-08-28';

/** An image the system runs or builds on, who uses it and where it is written. */
interface ImageUse {
  readonly image: string;
  readonly user: string;
  readonly node: ModelNode;
  readonly at: SourcePointer;
}

/**
 * Images of Kubernetes containers (init containers too), of compose services and of every
 * Dockerfile stage that starts from an image, leaving out files meant for development by their
 * path.
 */
function imageUses(model: SystemModel): readonly ImageUse[] {
  const uses: ImageUse[] = [];
  for (const workload of model.workloads) {
    for (const container of containersOf(workload, { init: true })) {
      if (container.image === undefined) continue;
      const user = `Container "${container.name}" of ${describeNode(workload)}`;
      uses.push({ image: container.image, user, node: workload, at: pointerTo(container.source, 'image') });
    }
  }
  for (const service of productionComposeServices(model)) {
    if (service.image === undefined) continue;
    const user = `Compose ${describeComposeService(service)}`;
    uses.push({ image: service.image.reference, user, node: service, at: service.image.source });
  }
  for (const build of model.imageBuilds) {
    if (build.development) continue;
    for (const stage of build.stages) {
      const image = stage.image.resolved;
      if (stage.parentStage !== undefined || image === undefined) continue;
      uses.push({ image, user: `A FROM of ${build.path}`, node: build, at: stage.image.source });
    }
  }
  return uses;
}

export default defineRule({
  id: 'no-bitnami-legacy-image',
  pillar: 'security',
  title: 'Images do not come from Bitnami’s discontinued free repositories',
  rationale:
    'Bitnami stopped updating its free images on Docker Hub: the versioned images moved to the bitnamilegacy repository, which gets no security fixes, so a workload pulling either runs software that stays vulnerable, and a bitnami/ tag that was moved may no longer pull at all when a pod is rescheduled.',
  remediation:
    'Replace the image with a maintained one (the project’s official image, a vendor or internal build, or a paid Bitnami subscription) and pin it to a version you keep updated.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes: `On ${BITNAMI_CHANGE_DATE} Bitnami moved the free Debian-based images of docker.io/bitnami to docker.io/bitnamilegacy and stopped updating them; free hardened images remain at bitnamisecure with the latest tag only (bitnami/containers#83267, bitnami/charts#35164). Images from bitnami/ and bitnamilegacy/ on Docker Hub (written with or without docker.io) are reported wherever they are used: Kubernetes containers, compose services and Dockerfile FROM lines (a build stage that pulls one stops building when the tag is gone), except in files meant for development by their path; bitnamisecure/ is not, nor are Bitnami images from other registries, whose status the sources do not give. Required from launch: once customers depend on the system, images that get no more fixes are a standing vulnerability.`,
  references: [
    {
      title: 'bitnami/containers#83267: upcoming changes to the Bitnami catalog (effective August 28th, 2025)',
      url: 'https://github.com/bitnami/containers/issues/83267',
    },
    {
      title: 'bitnami/charts#35164: upcoming changes to the Bitnami catalog (effective August 28th, 2025)',
      url: 'https://github.com/bitnami/charts/issues/35164',
    },
  ],
  messages: {
    bitnami: (data: { user: string; image: string; since: string }) =>
      `${data.user} uses "${data.image}" from bitnami/, whose free images moved to bitnamilegacy on ${data.since} and get no more updates.`,
    'bitnami-legacy': (data: { user: string; image: string; since: string }) =>
      `${data.user} uses "${data.image}" from bitnamilegacy/, which gets no updates since ${data.since}.`,
  },
  appliesTo: (model) => imageUses(model).length,
  check({ model, report }) {
    for (const use of imageUses(model)) {
      const reference = parseImageReference(use.image);
      if (!isDockerHubImage(reference)) continue;
      const owner = reference.repository.split('/')[0];
      const messageId = owner === 'bitnami' ? 'bitnami' : owner === 'bitnamilegacy' ? 'bitnami-legacy' : undefined;
      if (messageId === undefined) continue;
      report({
        messageId,
        data: {
          user: use.user,
          image: use.image,
          since: BITNAMI_CHANGE_DATE,
        },
        node: use.node,
        at: use.at,
      });
    }
  },
});
