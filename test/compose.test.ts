// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures use Dockerfile and Compose variables, written as the files write them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { resolvePointer, type SourcePointer } from '../src/core/source.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import {
  type ComposeService,
  composeServicesBuilding,
  effectiveHealthcheck,
  effectiveRestart,
  imageBuildFor,
  pinOf,
} from '../src/model/compose.js';
import type { SystemModel } from '../src/model/types.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'compose');

function modelOf(directory: string): SystemModel {
  const discovery = discover({ root: path.join(FIXTURES, directory) });
  const parsed = parseSources(discovery.files);
  return buildModel(parsed.kubernetes, discovery.inventory, parsed);
}

function at(pointer: SourcePointer): string {
  const location = resolvePointer(pointer);
  return `${location.file}:${location.line}:${location.column}`;
}

describe('compose model', () => {
  const model = modelOf('shop');
  const service = (name: string, file = 'docker-compose.yml'): ComposeService => {
    const found = model.composeServices.find((candidate) => candidate.name === name && candidate.file === file);
    if (found === undefined) throw new Error(`no service ${name} in ${file}`);
    return found;
  };

  it('makes one node per service and file, located at the service key', () => {
    expect(model.composeServices.map((node) => [node.id, at(node.source)])).toEqual([
      ['ComposeService/docker-compose.override.yml/agent', 'docker-compose.override.yml:2:3'],
      ['ComposeService/docker-compose.yml/api', 'docker-compose.yml:2:3'],
      ['ComposeService/docker-compose.yml/db', 'docker-compose.yml:33:3'],
      ['ComposeService/docker-compose.yml/migrate', 'docker-compose.yml:45:3'],
      ['ComposeService/docker-compose.yml/agent', 'docker-compose.yml:50:3'],
    ]);
    expect(model.issues).toEqual([]);
  });

  it('reads build, image, replicas, limits, ports and user', () => {
    const api = service('api');
    expect(api.build?.context).toBe('./services/api');
    expect(api.build?.dockerfileName).toBe('Dockerfile.prod');
    expect(api.dockerfile).toBe('services/api/Dockerfile.prod');
    expect(api.image).toMatchObject({ reference: 'registry.example.com/shop/api:${TAG}', pin: 'variable' });
    expect(at(api.image?.source ?? api.source)).toBe('docker-compose.yml:8:5');
    expect(api.replicas).toBe(3);
    expect(api.memoryLimit).toBe('512M');
    expect(api.cpuLimit).toBe('0.5');
    expect(api.user).toBe('1000:1000');
    expect(api.ports.map((port) => [port.hostIp, port.published, port.target, port.protocol, at(port.source)])).toEqual(
      [
        ['127.0.0.1', '8080', 3000, 'tcp', 'docker-compose.yml:23:9'],
        [undefined, '9464', 9464, 'tcp', 'docker-compose.yml:24:9'],
      ],
    );
    expect(api.secrets.map((secret) => secret.name)).toEqual(['session_key']);
    expect(service('migrate').dockerfile).toBe('services/api/Dockerfile');
  });

  it('reads depends_on in both forms, with conditions and targets', () => {
    expect(
      service('api').dependsOn.map((dependency) => [
        dependency.service,
        dependency.condition,
        dependency.target,
        at(dependency.source),
      ]),
    ).toEqual([
      ['db', 'service_healthy', 'ComposeService/docker-compose.yml/db', 'docker-compose.yml:18:7'],
      [
        'migrate',
        'service_completed_successfully',
        'ComposeService/docker-compose.yml/migrate',
        'docker-compose.yml:20:7',
      ],
    ]);
    expect(service('migrate').dependsOn.map((dependency) => [dependency.condition, at(dependency.source)])).toEqual([
      ['service_started', 'docker-compose.yml:49:9'],
    ]);
    expect(service('migrate').runsToCompletion).toBe(true);
    expect(service('api').runsToCompletion).toBe(false);
  });

  it('keeps environment names and what their values are made of, never the values', () => {
    expect(
      service('api').environment.map((variable) => [
        variable.name,
        variable.value.literal,
        variable.value.credentialInUrl,
        variable.value.reference,
        at(variable.source),
      ]),
    ).toEqual([
      ['DATABASE_URL', true, true, false, 'docker-compose.yml:27:7'],
      ['LOG_LEVEL', true, false, false, 'docker-compose.yml:28:7'],
      ['SESSION_SECRET', false, false, true, 'docker-compose.yml:29:7'],
    ]);
    expect(
      service('db').environment.map((variable) => [variable.name, variable.value.literal, at(variable.source)]),
    ).toEqual([
      ['POSTGRES_PASSWORD', true, 'docker-compose.yml:37:9'],
      ['POSTGRES_DB', true, 'docker-compose.yml:38:9'],
    ]);
    expect(service('api').build?.args.map((variable) => [variable.name, variable.value.literal])).toEqual([
      ['NPM_TOKEN', true],
    ]);
    const json = JSON.stringify(model.composeServices);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('not-a-real-token');
  });

  it('reads healthcheck, restart, volumes and host privileges', () => {
    const db = service('db');
    expect(db.healthcheck).toMatchObject({ disabled: false, hasTest: true });
    expect(at(db.healthcheck?.source ?? db.source)).toBe('docker-compose.yml:42:5');
    expect(db.restart).toMatchObject({ policy: 'unless-stopped', restarts: true });
    expect(db.volumes.map((volume) => [volume.type, volume.hostSource, volume.target, volume.readOnly])).toEqual([
      ['volume', 'db-data', '/var/lib/postgresql/data', false],
      ['bind', './initdb', '/docker-entrypoint-initdb.d', true],
    ]);
    const api = service('api');
    expect(api.restart).toMatchObject({ policy: 'on-failure', restarts: true });
    expect(at(api.restart?.source ?? api.source)).toBe('docker-compose.yml:12:9');
    const agent = service('agent');
    expect(agent.networkMode).toBe('host');
    expect(agent.capAdd.map((capability) => [capability.name, at(capability.source)])).toEqual([
      ['SYS_PTRACE', 'docker-compose.yml:54:9'],
    ]);
    expect(agent.memoryLimit).toBe('256m');
    expect(agent.image?.pin).toBe('untagged');
  });

  it('merges the automatic override file into the service it overrides', () => {
    const agent = service('agent');
    expect(agent.restart).toBeUndefined();
    expect(agent.layers).toEqual(['ComposeService/docker-compose.override.yml/agent']);
    expect(effectiveRestart(model, agent)).toMatchObject({ policy: 'always' });
    expect(at(effectiveRestart(model, agent)?.source ?? agent.source)).toBe('docker-compose.override.yml:3:5');
    expect(service('agent', 'docker-compose.override.yml').layers).toEqual(['ComposeService/docker-compose.yml/agent']);
  });

  it('links each service that builds to the Dockerfile it builds, and back', () => {
    const api = service('api');
    const apiBuild = imageBuildFor(model, api);
    expect(apiBuild?.path).toBe('services/api/Dockerfile.prod');
    expect(imageBuildFor(model, service('migrate'))?.path).toBe('services/api/Dockerfile');
    expect(imageBuildFor(model, service('db'))).toBeUndefined();
    const byPath = new Map(
      model.imageBuilds.map((build) => [build.path, composeServicesBuilding(model, build).map((node) => node.name)]),
    );
    expect(Object.fromEntries(byPath)).toEqual({
      'services/api/Dockerfile': ['migrate'],
      'services/api/Dockerfile.prod': ['api'],
    });
  });

  it('takes the Dockerfile HEALTHCHECK when the service declares none', () => {
    const api = service('api');
    expect(api.healthcheck).toBeUndefined();
    const health = effectiveHealthcheck(model, api);
    expect(health.state).toBe('checked');
    expect(at(health.source)).toBe('services/api/Dockerfile.prod:4:1');
    expect(effectiveHealthcheck(model, service('migrate')).state).toBe('missing');
  });
});

describe('image pins', () => {
  it.each([
    ['postgres:16.3', 'tag'],
    ['postgres', 'untagged'],
    ['redis:latest', 'latest'],
    ['localhost:5000/app', 'untagged'],
    ['app@sha256:abc', 'digest'],
    ['app:${TAG}', 'variable'],
    ['${IMAGE}', 'variable'],
    ['app:${TAG:-latest}', 'latest'],
    ['app:${TAG:-1.2.3}', 'tag'],
  ])('%s is %s', (reference, pin) => {
    expect(pinOf(reference)).toBe(pin);
  });
});

describe('malformed compose files', () => {
  const report = scanRepository({
    root: path.join(FIXTURES, 'malformed'),
    paths: ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: 'test',
  });

  it('reports broken YAML and values of the wrong type with file and line', () => {
    expect(report.parseIssues.map((issue) => `${issue.file}:${issue.line}:${issue.column}`)).toEqual([
      'docker-compose.yml:3:12', // the quote that is never closed
      'wrong-types/compose.yaml:4:5',
      'wrong-types/compose.yaml:6:7',
      'wrong-types/compose.yaml:7:5',
      'wrong-types/compose.yaml:9:3',
    ]);
    expect(report.parseIssues[0]?.message).toContain('Missing closing "quote');
    expect(report.parseIssues[1]?.message).toBe(
      '"api.privileged" should be true or false but is a string; it was ignored.',
    );
    expect(report.parseIssues[4]?.message).toBe(
      '"services.worker" should be a mapping but is a string; it was ignored.',
    );
  });

  it('goes on with the rest of the scan', () => {
    const findings = report.findings
      .filter((finding) =>
        ['no-latest-compose-image', 'require-compose-healthcheck', 'no-privileged-compose-service'].includes(
          finding.ruleId,
        ),
      )
      .map(
        (finding) =>
          `${finding.ruleId} ${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
      );
    expect(findings).toEqual([
      'no-latest-compose-image latest good/compose.yaml:3:5',
      'require-compose-healthcheck missing wrong-types/compose.yaml:2:3',
    ]);
    expect(report.rules.find((rule) => rule.id === 'no-privileged-compose-service')?.outcome).toBe('pass');
  });
});

describe('compose suppressions', () => {
  it('honours the prodready.dev/ignore label of a service and keeps the finding visible', () => {
    const report = scanRepository({
      root: path.join(FIXTURES, 'suppressed'),
      paths: ['.'],
      exclude: [],
      config: DEFAULT_CONFIG,
      version: 'test',
    });
    expect(report.parseIssues).toEqual([]);
    const restart = report.findings.filter((finding) => finding.ruleId === 'require-compose-restart-policy');
    expect(restart.map((finding) => [finding.location, finding.suppressed])).toEqual([
      [{ file: 'docker-compose.yml', line: 2, column: 3 }, { reason: 'the scheduler restarts this one-off job' }],
    ]);
  });
});
