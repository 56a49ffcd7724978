import { composeLayers, describeComposeService, productionComposeServices } from '../../model/compose.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'no-latest-compose-image',
  pillar: 'delivery',
  title: 'Compose services pull pinned images',
  rationale:
    'An image without a tag or tagged latest changes under the same name, so a docker compose pull or a new host silently runs different code, and there is no earlier version to roll back to.',
  remediation:
    'Reference each image by a version tag (postgres:16.3) or by digest (postgres@sha256:…), or by a variable the deployment sets (app:$VERSION).',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'A missing tag counts as latest and a digest passes, as no-latest-image-tag judges Kubernetes containers. A tag that is a variable without a default (app:$TAG) is set by the deployment and passes; a default written in the file (the :-latest form of a braced variable) is judged as written. A service that builds its image (build:, also through the definitions Compose merges into it) is not judged: its image key names what the build produces. Compose files whose name marks them as development files (docker-compose.dev.yml…) or that sit in .devcontainer/ are not judged.',
  references: [
    { title: 'Compose file reference: image', url: 'https://docs.docker.com/reference/compose-file/services/#image' },
  ],
  messages: {
    latest: (data: { service: string; image: string }) => `The ${data.service} runs "${data.image}", tagged latest.`,
    untagged: (data: { service: string; image: string }) =>
      `The ${data.service} runs "${data.image}" without a tag, which means latest.`,
  },
  appliesTo: (model) => productionComposeServices(model).filter((service) => service.image !== undefined).length,
  check({ model, report }) {
    for (const service of productionComposeServices(model)) {
      const { image } = service;
      if (image === undefined) continue;
      if (composeLayers(model, service).some((layer) => layer.build !== undefined)) continue;
      const data = { service: describeComposeService(service), image: image.reference };
      if (image.pin === 'latest') report({ messageId: 'latest', data, node: service, at: image.source });
      else if (image.pin === 'untagged') report({ messageId: 'untagged', data, node: service, at: image.source });
    }
  },
});
