import { parseImageReference } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { imageUses } from '../helpers.js';

/**
 * MinIO's community edition became a source-only distribution with its security release of
 * 2025-10-15: no more binaries or container images. Source: research notes `resilience.md`
 * §4.2, citing minio/minio#21647 and truenas/apps#3451.
 */
const SOURCE_ONLY_SINCE = '2025-10-15';

/** Where MinIO published its community server image, as `registry/repository`. */
const COMMUNITY_IMAGES = new Set(['docker.io/minio/minio', 'quay.io/minio/minio']);

export default defineRule({
  id: 'no-minio-community-image',
  pillar: 'security',
  title: 'Object storage does not run MinIO’s discontinued community images',
  rationale:
    'MinIO publishes no more community images: its security fixes since October 2025 exist only as source, so a workload pulling minio/minio keeps every vulnerability found since, in the store that holds the data.',
  remediation:
    'Move the data to a managed object store (Amazon S3, Azure Blob Storage, Cloud Storage), or build MinIO from a pinned source release in your own pipeline and rebuild it for each fix.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes: `MinIO made its community edition source-only with the security release of ${SOURCE_ONLY_SINCE} and later put the repository in maintenance mode (minio/minio#21647, truenas/apps#3451). The server images minio/minio on Docker Hub and quay.io/minio/minio are reported in Kubernetes containers, compose services and Dockerfile FROM lines (outside files meant for development by their path), whatever the tag: no tag of them gets later fixes. Images built by your own pipeline or by a maintained third party pass; bitnami/minio is left to no-bitnami-legacy-image. Required from launch, like other images that get no more fixes.`,
  references: [
    { title: 'minio/minio#21647: Docker release?', url: 'https://github.com/minio/minio/issues/21647' },
    {
      title: 'truenas/apps#3451: Minio image no longer maintained',
      url: 'https://github.com/truenas/apps/issues/3451',
    },
  ],
  messages: {
    'community-image': (data: { user: string; image: string; since: string }) =>
      `${data.user} uses "${data.image}": MinIO publishes no community images since ${data.since}, so it gets no more fixes.`,
  },
  appliesTo: (model) => imageUses(model, 'every-stage').length,
  check({ model, report }) {
    for (const use of imageUses(model, 'every-stage')) {
      const reference = parseImageReference(use.image);
      if (!COMMUNITY_IMAGES.has(`${reference.registry}/${reference.repository}`)) continue;
      report({
        messageId: 'community-image',
        data: {
          user: use.user,
          image: use.image,
          since: SOURCE_ONLY_SINCE,
        },
        node: use.node,
        at: use.at,
      });
    }
  },
});
