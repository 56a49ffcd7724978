import { productionImageBuilds } from '../../model/image-builds.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-package-manager-hygiene',
  pillar: 'scalability',
  title: 'Package installs leave no caches or optional packages in the shipped image',
  rationale:
    'Package indexes, download caches and recommended extras can add hundreds of megabytes to every layer that installs packages, which slows each pull when a new node or replica starts and widens what an attacker finds in the image.',
  remediation:
    'Install with apt-get install --no-install-recommends and remove /var/lib/apt/lists/* in the same RUN, use apk add --no-cache, pip install --no-cache-dir, and yum or dnf clean all after installing, or use RUN --mount=type=cache for those directories.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Only the final stage and the stages it derives from are judged: what a build stage installs is left behind unless copied. A cleanup counts when it runs in the same RUN as the install (a later RUN cannot shrink an earlier layer); a RUN --mount=type=cache on the cache directory also counts, and so does PIP_NO_CACHE_DIR set by ENV or on the command. Trivy reports the same habits (DS-0029 apt --no-install-recommends, DS-0025 apk --no-cache, DS-0015 yum clean all); Hadolint has DL3009 and DL3042. Required from growth, when deploys and scale-outs become frequent enough for image size to cost minutes. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'Docker: building best practices (apt-get)',
      url: 'https://docs.docker.com/build/building/best-practices/#apt-get',
    },
    { title: 'Docker: optimize cache usage in builds', url: 'https://docs.docker.com/build/cache/optimize/' },
  ],
  messages: {
    'apt-recommends': (data: { dockerfile: string }) =>
      `apt-get install in ${data.dockerfile} installs recommended packages too: add --no-install-recommends.`,
    'apt-lists': (data: { dockerfile: string }) =>
      `apt-get install in ${data.dockerfile} leaves the package lists in the layer: remove /var/lib/apt/lists/* in the same RUN.`,
    'apk-cache': (data: { dockerfile: string }) =>
      `apk add in ${data.dockerfile} leaves the package cache in the layer: add --no-cache.`,
    'pip-cache': (data: { dockerfile: string }) =>
      `pip install in ${data.dockerfile} leaves its download cache in the layer: add --no-cache-dir.`,
    'yum-cache': (data: { dockerfile: string }) =>
      `The package install in ${data.dockerfile} leaves the yum/dnf cache in the layer: run clean all in the same RUN.`,
  },
  appliesTo: (model) => productionImageBuilds(model).filter((build) => build.packageInstalls.length > 0).length,
  check({ model, report }) {
    for (const build of productionImageBuilds(model)) {
      const data = { dockerfile: build.path };
      for (const install of build.packageInstalls) {
        const at = install.source;
        if (install.manager === 'apt') {
          if (!install.skipsRecommends) report({ messageId: 'apt-recommends', data, node: build, at });
          if (install.keepsCache) report({ messageId: 'apt-lists', data, node: build, at });
        } else if (install.keepsCache) {
          const messageId =
            install.manager === 'apk' ? 'apk-cache' : install.manager === 'pip' ? 'pip-cache' : 'yum-cache';
          report({ messageId, data, node: build, at });
        }
      }
    }
  },
});
