// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the image names hold CI and shell expressions, written as pipelines write them.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { resolvePointer } from '../src/core/source.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import { imageRepositoryOf, linkImages, sameRepository } from '../src/model/image-links.js';
import type { SystemModel } from '../src/model/types.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { REPOSITORY_ROOT, RULE_FIXTURES } from './fixtures.js';

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'image-links');

/** discover → parse → model on a fixture repository, with no parse or model issue. */
function modelOf(name: string): SystemModel {
  const discovery = discover({ root: path.join(FIXTURES, name), paths: ['.'] });
  const parsed = parseSources(discovery.files);
  expect(parsed.issues).toEqual([]);
  const model = buildModel(parsed.kubernetes, discovery.inventory, parsed);
  expect(model.issues).toEqual([]);
  return model;
}

/** Each link as `repository -> Dockerfile (origin, tool, explicit|default) file:line:column`. */
function linksOf(model: SystemModel): string[] {
  return linkImages(model.imageBuilds, model.composeServices, model.pipelines).links.map((link) => {
    const at = resolvePointer(link.source);
    const dockerfile = link.explicitDockerfile ? 'explicit' : 'default';
    return `${link.repository.written} -> ${link.build.path} (${link.origin}, ${link.tool}, ${dockerfile}) ${at.file}:${at.line}:${at.column}`;
  });
}

/** Each container's image and the Dockerfile the model links it to. */
function containerBuilds(model: SystemModel): Record<string, string | undefined> {
  const builds: Record<string, string | undefined> = {};
  for (const workload of model.workloads) {
    for (const container of workload.pod.containers) {
      builds[container.name] = container.image === undefined ? undefined : model.imageBuildFor(container.image)?.path;
    }
  }
  return builds;
}

describe('image repositories', () => {
  it('drops tags, digests and expressions in tags, and Docker Hub’s library/', () => {
    expect(imageRepositoryOf('ghcr.io/acme/api:${{ github.sha }}')).toEqual({
      registry: 'ghcr.io',
      path: 'acme/api',
      written: 'ghcr.io/acme/api',
    });
    expect(imageRepositoryOf('registry.example.com:5000/Team/App@sha256:abc')).toEqual({
      registry: 'registry.example.com:5000',
      path: 'team/app',
      written: 'registry.example.com:5000/team/app',
    });
    expect(imageRepositoryOf('docker.io/library/nginx:1.27')).toEqual({
      registry: 'docker.io',
      path: 'nginx',
      written: 'docker.io/library/nginx',
    });
    expect(imageRepositoryOf('acme/api:$(Build.BuildId)')).toEqual({
      registry: undefined,
      path: 'acme/api',
      written: 'acme/api',
    });
  });

  it('cannot read an image whose name is an expression', () => {
    expect(imageRepositoryOf('${{ env.REGISTRY }}/${{ env.IMAGE_NAME }}:${{ github.sha }}')).toBeUndefined();
    expect(imageRepositoryOf('ghcr.io/${{ github.repository }}:latest')).toBeUndefined();
    expect(imageRepositoryOf('$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA')).toBeUndefined();
    expect(imageRepositoryOf('${API_IMAGE}')).toBeUndefined();
    expect(imageRepositoryOf('{{ .Values.image }}')).toBeUndefined();
    expect(imageRepositoryOf('')).toBeUndefined();
  });

  it('compares registries only when both sides name one', () => {
    const repository = (image: string) => {
      const found = imageRepositoryOf(image);
      if (found === undefined) throw new Error(`no repository in ${image}`);
      return found;
    };
    expect(sameRepository(repository('ghcr.io/acme/api:1'), repository('acme/api:2'))).toBe(true);
    expect(sameRepository(repository('nginx'), repository('index.docker.io/library/nginx:1.27'))).toBe(true);
    expect(sameRepository(repository('ghcr.io/acme/api'), repository('quay.io/acme/api'))).toBe(false);
    expect(sameRepository(repository('ghcr.io/acme/api'), repository('ghcr.io/acme/api-worker'))).toBe(false);
  });
});

describe('image links from GitHub Actions', () => {
  const model = modelOf('github-actions');

  it('links build-push-action, metadata-action tags, docker build -f, docker tag and the context default', () => {
    expect(linksOf(model)).toEqual([
      'ghcr.io/acme/api -> services/api/Dockerfile (github-actions, docker/build-push-action, default) .github/workflows/release.yml:19:11',
      'ghcr.io/acme/worker -> services/worker/Dockerfile (github-actions, docker/build-push-action, explicit) .github/workflows/release.yml:31:11',
      'registry.example.com/acme/web -> docker/web.Dockerfile (github-actions, docker build, explicit) .github/workflows/release.yml:33:9',
      'acme/web-mirror -> docker/web.Dockerfile (github-actions, docker build, explicit) .github/workflows/release.yml:33:9',
      'acme/batch -> services/batch/Dockerfile (github-actions, docker build, default) .github/workflows/release.yml:33:9',
    ]);
  });

  it('answers which Dockerfile builds each container’s image, and leaves others and expressions unlinked', () => {
    expect(containerBuilds(model)).toEqual({
      api: 'services/api/Dockerfile',
      worker: 'services/worker/Dockerfile',
      web: 'docker/web.Dockerfile',
      mirror: 'docker/web.Dockerfile',
      batch: 'services/batch/Dockerfile',
      proxy: undefined,
      templated: undefined,
    });
    expect(model.imageBuildFor('quay.io/acme/api:2.14.0')).toBeUndefined();
  });

  it('lists the images built from each Dockerfile', () => {
    const built = Object.fromEntries(model.imageBuilds.map((build) => [build.path, model.imagesBuiltFrom(build)]));
    expect(built).toEqual({
      'docker/web.Dockerfile': ['acme/web-mirror', 'registry.example.com/acme/web'],
      'services/api/Dockerfile': ['ghcr.io/acme/api'],
      'services/batch/Dockerfile': ['acme/batch'],
      'services/worker/Dockerfile': ['ghcr.io/acme/worker'],
    });
  });
});

describe('image links from compose', () => {
  const model = modelOf('compose');

  it('links a service’s image to the Dockerfile of its build, with interpolation defaults read', () => {
    expect(linksOf(model)).toEqual([
      'ghcr.io/acme/shop-api -> api/Dockerfile.prod (compose, compose, explicit) docker-compose.yml:6:5',
      'ghcr.io/acme/shop-worker -> worker/Dockerfile (compose, compose, default) docker-compose.yml:9:5',
    ]);
    expect(containerBuilds(model)).toEqual({
      api: 'api/Dockerfile.prod',
      worker: 'worker/Dockerfile',
      cache: undefined,
    });
  });
});

describe('image links from GitLab kaniko and the Azure Docker task', () => {
  const model = modelOf('ci-systems');

  it('resolves kaniko’s Dockerfile from the root, then the context, and Docker@2’s from the sources directory', () => {
    expect(linksOf(model)).toEqual([
      'registry.gitlab.com/acme/billing -> services/billing/Dockerfile (gitlab-ci, kaniko, explicit) .gitlab-ci.yml:10:7',
      'acme/reports -> services/reports/Dockerfile (azure-pipelines, Docker@2, explicit) azure-pipelines.yml:11:7',
    ]);
    expect(containerBuilds(model)).toEqual({
      billing: 'services/billing/Dockerfile',
      reports: 'services/reports/Dockerfile',
    });
  });
});

describe('choosing among builds of one image', () => {
  const model = modelOf('preference');

  it('prefers the step that names its Dockerfile, whatever the order of the inputs', () => {
    expect(linksOf(model)).toEqual([
      'ghcr.io/acme/api -> services/api/Dockerfile (github-actions, docker build, default) .github/workflows/ci.yml:11:9',
      'acme/api -> services/api/release.Dockerfile (github-actions, docker buildx build, explicit) .github/workflows/ci.yml:12:9',
    ]);
    expect(model.imageBuildFor('ghcr.io/acme/api:1.4.0')?.path).toBe('services/api/release.Dockerfile');
    const reversed = linkImages([...model.imageBuilds].reverse(), [], [...model.pipelines].reverse());
    expect(reversed.imageBuildFor('ghcr.io/acme/api:1.4.0')?.path).toBe('services/api/release.Dockerfile');
  });
});

describe('no-run-as-non-root-image-conflict on linked images', () => {
  let parsers: Awaited<ReturnType<typeof loadParsers>> = {};
  beforeAll(async () => {
    parsers = await loadParsers();
  });
  const findings = (outcome: string, name: string) =>
    scanRepository({
      root: path.join(RULE_FIXTURES, 'no-run-as-non-root-image-conflict', outcome, name),
      paths: ['.'],
      exclude: [],
      config: DEFAULT_CONFIG,
      version: 'test',
      parsers,
    })
      .findings.filter((finding) => finding.ruleId === 'no-run-as-non-root-image-conflict')
      .map(
        (finding) =>
          `${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
      );

  it('reports at the runAsNonRoot key when the image, built by build-push-action, runs as a named user', () => {
    expect(findings('fail', 'named-user-build-push-action')).toEqual(['named-user k8s/api.yaml:20:13']);
  });

  it('reports at the container when the pod requires runAsNonRoot and docker build -f builds a root image', () => {
    expect(findings('fail', 'root-user-docker-build')).toEqual(['root-image k8s/worker.yaml:19:11']);
  });

  it('follows a base image the repository builds to the USER it sets', () => {
    expect(findings('pass', 'user-from-base-built-here')).toEqual([]);
  });
});
