import { productionImageBuilds } from '../../model/image-builds.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'no-add-remote-url',
  pillar: 'security',
  title: 'ADD does not download unverified files',
  rationale:
    'ADD <url> copies whatever the server returns into the image with no integrity check, so a compromised or changed download is built in silently, and the build is not reproducible.',
  remediation:
    'Give the ADD a --checksum=sha256:… of the expected file, or download it in a RUN with curl and check it with sha256sum before use.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', compliance: ['soc2', 'pci-dss', 'iso27001'] }],
  status: 'stable',
  notes:
    'Reports ADD with an http(s) or Git source in any stage unless the instruction carries --checksum (Dockerfile syntax 1.6 and later verifies HTTP downloads against it, and a Git source against the commit). Local ADD sources and COPY are not reported. Checkov CKV_DOCKER_4 reports every ADD; this rule reports only remote ones, since ADD of a local archive is a legitimate use. Same stage as no-remote-script-piping, for the same reason. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'Dockerfile reference: ADD --checksum',
      url: 'https://docs.docker.com/reference/dockerfile/#add---checksum',
    },
    {
      title: 'Docker: building best practices (ADD or COPY)',
      url: 'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    },
  ],
  messages: {
    unverified: (data: { dockerfile: string }) =>
      `An ADD in ${data.dockerfile} downloads a remote file without --checksum, so nothing verifies what is built in.`,
  },
  appliesTo: (model) => productionImageBuilds(model).length,
  check({ model, report }) {
    for (const build of productionImageBuilds(model)) {
      for (const download of build.remoteDownloads) {
        if (download.checksum) continue;
        report({ messageId: 'unverified', data: { dockerfile: build.path }, node: build, at: download.source });
      }
    }
  },
});
