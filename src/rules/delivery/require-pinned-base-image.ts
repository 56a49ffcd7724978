import { pointerTo } from '../../core/source.js';
import { productionImageBuilds } from '../../model/image-builds.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-pinned-base-image',
  pillar: 'delivery',
  title: 'Dockerfiles build FROM a pinned base image',
  rationale:
    'A base image without a tag, or tagged latest, changes under the same name: two builds of one commit can ship different operating systems and libraries, and rebuilding an old release to roll back gives something new.',
  remediation:
    'Name a version tag in every FROM (node:20.11-bookworm-slim), and pin it by digest (node:20.11-bookworm-slim@sha256:…) with an automated updater such as Renovate or Dependabot when builds must be reproducible.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Checks the FROM of every stage, build stages included since what they compile is copied into the shipped image; FROM <earlier stage> and FROM scratch are not images to pin. A missing tag counts as latest, as Checkov CKV_DOCKER_7 and Trivy DS-0001 count it; a digest satisfies the rule. ARG defaults declared before the first FROM are filled in; a FROM whose image is a variable without a default is set at build time and leaves the rule undecided. Pinning by digest is advised in the remediation rather than required: require-image-digest asks for it where images are deployed. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'Docker: building best practices (pin base image versions)',
      url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    },
    { title: 'Dockerfile reference: FROM', url: 'https://docs.docker.com/reference/dockerfile/#from' },
  ],
  messages: {
    latest: (data: { dockerfile: string; image: string }) =>
      `${data.dockerfile} builds FROM "${data.image}", tagged latest.`,
    untagged: (data: { dockerfile: string; image: string }) =>
      `${data.dockerfile} builds FROM "${data.image}" without a tag, which means latest.`,
  },
  appliesTo: (model) => productionImageBuilds(model).length,
  check({ model, report, undecided }) {
    for (const build of productionImageBuilds(model)) {
      for (const stage of build.stages) {
        if (stage.parentStage !== undefined) continue;
        const { image } = stage;
        if (image.resolved === undefined || image.parts === undefined) {
          undecided({
            node: build,
            at: image.source,
            reason: `The FROM of ${build.path} names its image with a variable that has no default, so the image is chosen at build time.`,
          });
          continue;
        }
        const { tag, digest } = image.parts;
        if (digest !== undefined || image.resolved.toLowerCase() === 'scratch') continue;
        const data = { dockerfile: build.path, image: image.resolved };
        if (tag === undefined) report({ messageId: 'untagged', data, node: build, at: image.source });
        else if (tag === 'latest')
          report({ messageId: 'latest', data, node: build, at: pointerTo(image.source, 'tag') });
      }
    }
  },
});
