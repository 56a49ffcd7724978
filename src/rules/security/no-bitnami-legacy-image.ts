import { isDockerHubImage, parseImageReference } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { imageUses } from '../helpers.js';

/**
 * Bitnami's change of 2025-08-28: the free Debian-based images of `docker.io/bitnami/*` moved
 * to `docker.io/bitnamilegacy/*`, which gets no further updates; free hardened images remain
 * only at `bitnamisecure/*`. Source: research notes `resilience.md` §4.2, citing
 * bitnami/containers#83267 and bitnami/charts#35164.
 */
const BITNAMI_CHANGE_DATE = '2025-08-28';

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
  appliesTo: (model) => imageUses(model, 'every-stage').length,
  check({ model, report }) {
    for (const use of imageUses(model, 'every-stage')) {
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
