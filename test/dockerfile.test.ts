// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures use Dockerfile and Compose variables, written as the files write them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { resolvePointer, type SourcePointer } from '../src/core/source.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import { type ImageBuild, isDevelopmentPath } from '../src/model/image-builds.js';
import type { SystemModel } from '../src/model/types.js';
import { analyseScript } from '../src/parse/dockerfile-commands.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'dockerfiles');

function modelOf(directory: string): SystemModel {
  const discovery = discover({ root: path.join(FIXTURES, directory) });
  const parsed = parseSources(discovery.files);
  return buildModel(parsed.kubernetes, discovery.inventory, parsed);
}

/** `line:column` of a pointer. */
function at(pointer: SourcePointer): string {
  const location = resolvePointer(pointer);
  return `${location.file}:${location.line}:${location.column}`;
}

function onlyBuild(model: SystemModel): ImageBuild {
  expect(model.imageBuilds).toHaveLength(1);
  const [build] = model.imageBuilds;
  if (build === undefined) throw new Error('no image build');
  return build;
}

describe('Dockerfile model', () => {
  const model = modelOf('multi-stage');
  const build = onlyBuild(model);

  it('names the node after its file', () => {
    expect(build.id).toBe('Dockerfile/Dockerfile');
    expect(build.object).toEqual({ kind: 'Dockerfile', name: 'Dockerfile' });
    expect(build.development).toBe(false);
    expect(at(build.source)).toBe('Dockerfile:2:1');
  });

  it('reads the stages, their images and the ARG defaults that fill them in', () => {
    expect(
      build.stages.map((stage) => ({
        name: stage.name,
        written: stage.image.written,
        resolved: stage.image.resolved,
        tag: stage.image.parts?.tag,
        digest: stage.image.parts?.digest,
        parentStage: stage.parentStage,
        platform: stage.platform,
        at: at(stage.source),
      })),
    ).toEqual([
      {
        name: 'build',
        written: 'node:${NODE_VERSION}-bookworm',
        resolved: 'node:20.11-bookworm',
        tag: '20.11-bookworm',
        digest: undefined,
        parentStage: undefined,
        platform: '$BUILDPLATFORM',
        at: 'Dockerfile:5:1',
      },
      {
        name: 'runtime',
        written:
          'node:${NODE_VERSION}-bookworm-slim@sha256:5c1f3a8e9b2d4f6a7c8e0b1d2f3a4c5e6b7d8f9a0c1e2b3d4f5a6c7e8b9d0f1a',
        resolved: 'node:20.11-bookworm-slim@sha256:5c1f3a8e9b2d4f6a7c8e0b1d2f3a4c5e6b7d8f9a0c1e2b3d4f5a6c7e8b9d0f1a',
        tag: '20.11-bookworm-slim',
        digest: 'sha256:5c1f3a8e9b2d4f6a7c8e0b1d2f3a4c5e6b7d8f9a0c1e2b3d4f5a6c7e8b9d0f1a',
        parentStage: undefined,
        platform: undefined,
        at: 'Dockerfile:15:1',
      },
      {
        name: undefined,
        written: 'runtime',
        resolved: 'runtime',
        tag: undefined,
        digest: undefined,
        parentStage: 1,
        platform: undefined,
        at: 'Dockerfile:31:1',
      },
    ]);
    expect(at(build.stages[0]?.image.source ?? build.source)).toBe('Dockerfile:5:32');
  });

  it('follows FROM <stage> to the base image of the final image', () => {
    expect(build.finalChain.map((stage) => stage.index)).toEqual([2, 1]);
    expect(build.baseImage.parts?.repository).toBe('node');
    expect(build.baseImage.parts?.tag).toBe('20.11-bookworm-slim');
  });

  it('inherits USER, HEALTHCHECK and EXPOSE from the stage the final stage is built on', () => {
    expect(build.user.user).toBe('node');
    expect(build.user.runsAs).toBe('non-root');
    expect(at(build.user.source)).toBe('Dockerfile:27:1');
    expect(build.healthcheck?.mode).toBe('check');
    expect(build.healthcheck?.options).toEqual({ interval: '15s', timeout: '3s' });
    expect(at(build.healthcheck?.source ?? build.source)).toBe('Dockerfile:29:1');
    expect(build.exposedPorts.map((port) => [port.port, port.protocol, at(port.source)])).toEqual([
      [3000, 'tcp', 'Dockerfile:28:8'],
      [9464, 'tcp', 'Dockerfile:28:13'],
    ]);
  });

  it('keeps ARG and ENV names with what their values are made of, never the values', () => {
    expect(
      build.variables.map((variable) => [
        variable.instruction,
        variable.name,
        variable.value.present,
        variable.value.literal,
        at(variable.source),
      ]),
    ).toEqual([
      ['ARG', 'NODE_VERSION', true, false, 'Dockerfile:2:5'],
      ['ARG', 'NPM_TOKEN', false, false, 'Dockerfile:3:5'],
      ['ENV', 'CI', true, false, 'Dockerfile:7:5'],
      ['ENV', 'NODE_ENV', true, true, 'Dockerfile:16:5'],
      ['ENV', 'SESSION_SECRET', true, true, 'Dockerfile:17:5'],
    ]);
    expect(build.finalEnvironment.map((variable) => variable.name)).toEqual(['NODE_ENV', 'SESSION_SECRET']);
    expect(JSON.stringify(build)).not.toContain('hunter2');
  });

  it('finds package installs of the shipped stages, on the line of the install', () => {
    expect(
      build.packageInstalls.map((install) => [
        install.manager,
        install.skipsRecommends,
        install.keepsCache,
        at(install.source),
      ]),
    ).toEqual([['apt', true, false, 'Dockerfile:19:8']]);
    const buildStageInstalls = build.stages[0]?.runs.flatMap((run) => run.installs) ?? [];
    expect(
      buildStageInstalls.map((install) => [install.skipsRecommends, install.keepsCache, at(install.source)]),
    ).toEqual([[false, true, 'Dockerfile:9:5']]);
  });

  it('finds a download piped into a shell inside a heredoc, and ADD of a URL', () => {
    expect(build.remoteScripts.map((script) => [script.tool, script.interpreter, at(script.source)])).toEqual([
      ['curl', 'sh', 'Dockerfile:23:1'],
    ]);
    expect(build.remoteDownloads.map((download) => [download.checksum, at(download.source)])).toEqual([
      [false, 'Dockerfile:25:5'],
    ]);
  });

  it('lists every instruction of a stage with its line', () => {
    expect(build.stages[2]?.instructions.map((instruction) => [instruction.keyword, at(instruction.source)])).toEqual([
      ['FROM', 'Dockerfile:31:1'],
      ['LABEL', 'Dockerfile:32:1'],
      ['CMD', 'Dockerfile:33:1'],
    ]);
  });
});

describe('malformed Dockerfiles', () => {
  const report = scanRepository({
    root: path.join(FIXTURES, 'malformed'),
    paths: ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: 'test',
  });

  it('reports junk and unknown instructions with file and line, and a file without FROM', () => {
    expect(report.parseIssues).toEqual([
      { file: 'Dockerfile', line: 2, column: 1, message: 'Unknown instruction "RUNN"; the line was ignored.' },
      { file: 'Dockerfile', line: 3, column: 1, message: 'Unknown instruction "this"; the line was ignored.' },
      { file: 'Dockerfile', line: 4, column: 8, message: 'EXPOSE "http" is not a port; it was ignored.' },
      { file: 'no-from/Dockerfile', line: 1, column: 1, message: 'RUN before the first FROM; the line was ignored.' },
      { file: 'no-from/Dockerfile', line: 1, column: 1, message: 'The Dockerfile has no FROM instruction.' },
    ]);
  });

  it('goes on with the rest of the scan', () => {
    const findings = report.findings
      .filter((finding) => finding.ruleId === 'require-non-root-user' || finding.ruleId === 'require-pinned-base-image')
      .map((finding) => `${finding.ruleId} ${finding.messageId} ${finding.location.file}:${finding.location.line}`);
    expect(findings).toEqual(['require-non-root-user missing worker/Dockerfile:2']);
    expect(report.rules.find((rule) => rule.id === 'require-non-root-user')?.outcome).toBe('fail');
    expect(report.rules.find((rule) => rule.id === 'require-pinned-base-image')?.outcome).toBe('pass');
  });
});

describe('RUN script analysis', () => {
  const context = { cacheMounts: [], environment: new Set<string>() };
  const facts = (script: string) => {
    const result = analyseScript(script, context);
    return [
      ...result.installs.map((install) =>
        [install.manager, install.offset, install.skipsRecommends, install.keepsCache].join(' '),
      ),
      ...result.remoteScripts.map((download) => [download.tool, download.interpreter, download.offset].join(' ')),
    ];
  };

  it.each([
    ['apt-get install -y ${PKGS} && rm -rf /var/lib/apt/lists/*', ['apt 0 false false']],
    ['if true; then apt-get install -y --no-install-recommends curl; fi', ['apt 14 true true']],
    ['apt-get -o APT::Install-Recommends=false install -y curl', ['apt 0 true true']],
    ['DEBIAN_FRONTEND=noninteractive sudo -E apt-get -y install curl', ['apt 39 false true']],
    ['pip3 install --upgrade pip && PIP_NO_CACHE_DIR=1 pip install flask', ['pip 0 true true', 'pip 49 true false']],
    ['yum install -y nginx && yum clean all', ['yum 0 true false']],
    ['curl -sSL https://example.com/i.sh | sudo -E bash -s -- --yes', ['curl bash 0']],
    ['wget -O - https://example.com/i.py | tee /tmp/log | python3 -', ['wget python3 0']],
    ['bash <(curl -s https://example.com/i.sh)', ['curl bash 7']],
    ["sh -c 'curl https://example.com/i.sh | sh'", ['curl sh 7']],
    ['echo "curl https://example.com/i.sh | sh"', []],
    ['curl -fsSL https://example.com/a.tar.gz | tar -xz', []],
  ])('%s', (script, expected) => {
    expect(facts(script)).toEqual(expected);
  });
});

describe('development files', () => {
  it.each([
    ['Dockerfile', false],
    ['services/api/Dockerfile', false],
    ['examples/shop/Dockerfile', false],
    ['Dockerfile.dev', true],
    ['docker/test.Dockerfile', true],
    ['docker-compose.local.yml', true],
    ['compose.ci.yaml', true],
    ['docker-compose.prod.yml', false],
    ['.devcontainer/Dockerfile', true],
  ])('%s: %s', (file, development) => {
    expect(isDevelopmentPath(file)).toBe(development);
  });
});
