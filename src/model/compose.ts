import path from 'node:path';
import { pointerTo, type RepoPath, type SourcePointer } from '../core/source.js';
import { toRepoPath } from '../discover/repo-path.js';
import type { ParsedComposeFile } from '../parse/compose.js';
import { parseImageReference } from '../parse/dockerfile-image.js';
import { traitsOfValue, type ValueTraits } from '../parse/dockerfile-values.js';
import { type HostReference, hostsInValue, isHostVariable } from './dependencies-hosts.js';
import { type ImageBuild, isDevelopmentPath } from './image-builds.js';
import { parseIgnoreAnnotation } from './labels.js';
import {
  isRecord,
  type Raw,
  type Reader,
  readBoolean,
  readInteger,
  readList,
  readRecord,
  readString,
  readStringList,
} from './read.js';
import type { ObjectNode, SystemModel } from './types.js';

/** How an image reference pins what runs. */
export type ImagePin =
  /** `@sha256:…` */
  | 'digest'
  /** A tag other than latest. */
  | 'tag'
  | 'latest'
  /** No tag: latest. */
  | 'untagged'
  /** The tag is a variable without a default (`app:${TAG}`), set when the file is deployed. */
  | 'variable';

export interface ComposeImage {
  readonly reference: string;
  readonly pin: ImagePin;
  readonly source: SourcePointer;
}

export interface ComposeVariable {
  readonly name: string;
  /** What the value is made of; the value itself is not kept. */
  readonly value: ValueTraits;
  /**
   * For `environment`: the hosts the value names, interpolation defaults (`${DB_HOST:-db}`) filled
   * in; empty for build args. User names and passwords are dropped where they are read, and a
   * bare word or `word:port` counts only in a variable whose name says it holds a host, so that
   * a password never passes for a host.
   */
  readonly hosts: readonly ComposeHost[];
  /** The list item (`- NAME=value`) or the key (`NAME: value`). */
  readonly source: SourcePointer;
}

export interface ComposeBuild {
  /** The build context as written ('.' when left out). */
  readonly context: string;
  /** The `dockerfile` key as written. */
  readonly dockerfileName: string | undefined;
  /** `dockerfile_inline`: the Dockerfile is written in the compose file. */
  readonly inline: boolean;
  /** `args`: names and value traits. */
  readonly args: readonly ComposeVariable[];
  readonly source: SourcePointer;
}

export interface ComposeHealthcheck {
  /** `disable: true`, or a test of `["NONE"]`. */
  readonly disabled: boolean;
  /** A test command is written. */
  readonly hasTest: boolean;
  readonly source: SourcePointer;
}

export interface ComposeRestart {
  /** `restart` (`no`, `always`, `on-failure[:n]`, `unless-stopped`) or `deploy.restart_policy.condition` (`none`, `on-failure`, `any`). */
  readonly policy: string;
  /** Whether the policy restarts a container that stopped. */
  readonly restarts: boolean;
  readonly source: SourcePointer;
}

/** A host named in a service's environment. */
export interface ComposeHost extends HostReference {
  /** The id of the service of the project the host names, by its name or a `links` alias. */
  readonly service: string | undefined;
}

export interface ComposeDependency {
  readonly service: string;
  /** `service_started` (the default, and the list form), `service_healthy` or `service_completed_successfully`. */
  readonly condition: string;
  /** `required: false`: Compose only warns when the service is not started or not defined. */
  readonly required: boolean;
  /** The id of the service depended on, when found in the same project. */
  readonly target: string | undefined;
  readonly source: SourcePointer;
}

/** An item of `links`: `SERVICE` or `SERVICE:ALIAS`. */
export interface ComposeLink {
  readonly service: string;
  /** Another name under which the service is reached; undefined when none is given. */
  readonly alias: string | undefined;
  /** The id of the service linked to, when found in the same project. */
  readonly target: string | undefined;
  readonly source: SourcePointer;
}

export interface ComposePort {
  readonly target: number | undefined;
  readonly published: string | undefined;
  readonly hostIp: string | undefined;
  readonly protocol: string;
  readonly source: SourcePointer;
}

export interface ComposeVolume {
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'other';
  /** The host path or volume name; undefined for an anonymous volume. */
  readonly hostSource: string | undefined;
  readonly target: string | undefined;
  readonly readOnly: boolean;
  readonly source: SourcePointer;
}

export interface NamedEntry {
  readonly name: string;
  readonly source: SourcePointer;
}

/** A service of a docker-compose file. */
export interface ComposeService extends ObjectNode {
  readonly kind: 'compose-service';
  readonly file: RepoPath;
  /** The file is for development by its name (`docker-compose.dev.yml`) or place (`.devcontainer/`): the rules leave it alone. */
  readonly development: boolean;
  readonly image: ComposeImage | undefined;
  readonly build: ComposeBuild | undefined;
  /**
   * The Dockerfile `build` names, resolved against the compose file's directory; undefined
   * without a build, for a remote context or an inline Dockerfile, or outside the repository.
   */
  readonly dockerfile: RepoPath | undefined;
  /** `deploy.replicas`, else `scale`. */
  readonly replicas: number | undefined;
  readonly healthcheck: ComposeHealthcheck | undefined;
  /** `restart`, else `deploy.restart_policy.condition`. */
  readonly restart: ComposeRestart | undefined;
  readonly dependsOn: readonly ComposeDependency[];
  readonly links: readonly ComposeLink[];
  readonly ports: readonly ComposePort[];
  readonly volumes: readonly ComposeVolume[];
  readonly environment: readonly ComposeVariable[];
  readonly envFiles: readonly string[];
  readonly secrets: readonly NamedEntry[];
  readonly privileged: boolean | undefined;
  readonly networkMode: string | undefined;
  readonly pid: string | undefined;
  readonly ipc: string | undefined;
  readonly capAdd: readonly NamedEntry[];
  readonly user: string | undefined;
  /** `mem_limit`, else `deploy.resources.limits.memory`. */
  readonly memoryLimit: string | undefined;
  /** `cpus`, else `deploy.resources.limits.cpus`. */
  readonly cpuLimit: string | undefined;
  readonly profiles: readonly string[];
  /**
   * Ids of the other definitions Compose merges into this service when it runs: the service of
   * the same name in the project's main file (for a service in another file of the directory),
   * in the automatic override file (`compose.override.yaml`, `docker-compose.override.yml`), and
   * the service it `extends`.
   */
  readonly layers: readonly string[];
  /** Another service waits for it with `condition: service_completed_successfully`: a one-off task. */
  readonly runsToCompletion: boolean;
}

/** Files Compose reads by default, in its order of preference. */
const MAIN_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];
const IGNORE_LABEL = 'prodready.dev/ignore';

interface Definition {
  readonly file: ParsedComposeFile;
  readonly name: string;
  readonly raw: Raw;
  readonly at: SourcePointer;
}

export function buildComposeServices(reader: Reader, files: readonly ParsedComposeFile[]): ComposeService[] {
  const definitions: Definition[] = [];
  for (const file of files) {
    const services = readRecord(reader, file.body, 'services', file.source) ?? {};
    for (const [name, raw] of Object.entries(services)) {
      const at = pointerTo(file.source, 'services', name);
      if (raw === null || raw === undefined) {
        definitions.push({ file, name, raw: {}, at });
      } else if (isRecord(raw)) {
        definitions.push({ file, name, raw, at });
      } else {
        readRecord(reader, services, name, pointerTo(file.source, 'services'));
      }
    }
  }
  const find = (file: string | undefined, name: string) =>
    file === undefined ? undefined : definitions.find((other) => other.file.path === file && other.name === name);
  const services = definitions.map((definition) => {
    const before = reader.unreadable.length;
    const service = toService(reader, definition, files, find);
    const unreadable = reader.unreadable
      .slice(before)
      .map((pointer) => pointer.path.slice(definition.at.path.length).join('.'));
    return unreadable.length === 0 ? service : { ...service, unreadable };
  });
  const oneOff = new Set(
    services.flatMap((service) =>
      service.dependsOn
        .filter((dependency) => dependency.condition === 'service_completed_successfully')
        .flatMap((dependency) => (dependency.target === undefined ? [] : [dependency.target])),
    ),
  );
  return services.map((service) => (oneOff.has(service.id) ? { ...service, runsToCompletion: true } : service));
}

function serviceId(file: string, name: string): string {
  return `ComposeService/${file}/${name}`;
}

function toService(
  reader: Reader,
  definition: Definition,
  files: readonly ParsedComposeFile[],
  find: (file: string | undefined, name: string) => Definition | undefined,
): ComposeService {
  const { file, name, raw, at } = definition;
  const directory = path.posix.dirname(file.path);
  const inDirectory = (base: string) => (directory === '.' ? base : `${directory}/${base}`);
  const present = (candidates: readonly string[]) =>
    candidates.map(inDirectory).find((candidate) => files.some((other) => other.path === candidate));
  const mainFile = present(MAIN_FILES);
  const overrideFile = present(OVERRIDE_FILES);

  const deployAt = pointerTo(at, 'deploy');
  const deploy = readRecord(reader, raw, 'deploy', at) ?? {};
  const labels = readLabels(reader, raw, at);
  const build = readBuild(reader, raw, at);
  const layers: string[] = [];
  const addLayer = (other: Definition | undefined) => {
    if (other !== undefined && other !== definition) layers.push(serviceId(other.file.path, other.name));
  };
  if (file.path !== mainFile) addLayer(find(mainFile, name));
  if (file.path === mainFile) addLayer(find(overrideFile, name));
  const extended = readExtends(reader, raw, at);
  if (extended !== undefined) {
    const extendedFile = extended.file === undefined ? file.path : joinInRepository(directory, extended.file);
    addLayer(find(extendedFile, extended.service));
  }
  const dependencyTarget = (service: string) => {
    const target = find(file.path, service) ?? find(mainFile, service);
    return target === undefined ? undefined : serviceId(target.file.path, target.name);
  };
  const links = readLinks(reader, raw, at, dependencyTarget);
  // Containers reach the services of their project by name, and a linked one by its alias too.
  const hostTarget = (host: string) =>
    links.find((link) => link.alias?.toLowerCase() === host)?.target ?? dependencyTarget(host);

  return {
    id: serviceId(file.path, name),
    object: { kind: 'ComposeService', name },
    apiVersion: '',
    name,
    namespace: '',
    labels,
    annotations: {},
    suppressions: parseIgnoreAnnotation(labels[IGNORE_LABEL], pointerTo(at, 'labels', IGNORE_LABEL)),
    unreadable: [],
    source: at,
    kind: 'compose-service',
    file: file.path,
    development: isDevelopmentPath(file.path),
    image: readImage(reader, raw, at),
    build,
    dockerfile: build === undefined ? undefined : resolveDockerfile(directory, build),
    replicas: readInteger(reader, deploy, 'replicas', deployAt) ?? readInteger(reader, raw, 'scale', at),
    healthcheck: readHealthcheck(reader, raw, at),
    restart: readRestart(reader, raw, at, deploy, deployAt),
    dependsOn: readDependencies(reader, raw, at, dependencyTarget),
    links,
    ports: readPorts(reader, raw, at),
    volumes: readVolumes(reader, raw, at),
    environment: readVariables(reader, raw, 'environment', at, hostTarget),
    envFiles: readOneOrMany(reader, raw, 'env_file', at),
    secrets: readList(reader, raw, 'secrets', at).flatMap((item, index) => {
      const itemAt = pointerTo(at, 'secrets', index);
      const secret =
        typeof item === 'string' ? item : isRecord(item) ? readString(reader, item, 'source', itemAt) : undefined;
      return secret === undefined ? [] : [{ name: secret, source: itemAt }];
    }),
    privileged: readBoolean(reader, raw, 'privileged', at),
    networkMode: readString(reader, raw, 'network_mode', at),
    pid: readString(reader, raw, 'pid', at),
    ipc: readString(reader, raw, 'ipc', at),
    capAdd: readStringList(reader, raw, 'cap_add', at).map((capability, index) => ({
      name: capability,
      source: pointerTo(at, 'cap_add', index),
    })),
    user: readString(reader, raw, 'user', at),
    memoryLimit: readString(reader, raw, 'mem_limit', at) ?? readLimit(reader, deploy, deployAt, 'memory'),
    cpuLimit: readString(reader, raw, 'cpus', at) ?? readLimit(reader, deploy, deployAt, 'cpus'),
    profiles: readStringList(reader, raw, 'profiles', at),
    layers,
    runsToCompletion: false,
  };
}

function readImage(reader: Reader, raw: Raw, at: SourcePointer): ComposeImage | undefined {
  const reference = readString(reader, raw, 'image', at);
  if (reference === undefined) return undefined;
  return { reference, pin: pinOf(reference), source: pointerTo(at, 'image') };
}

const UNSET = '\u0000';

/** How a reference pins its image; interpolation defaults (`${TAG:-latest}`) count as written. */
export function pinOf(reference: string): ImagePin {
  const filled = reference.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_match, _braced: string | undefined, operator: string | undefined, word: string | undefined) =>
      operator?.endsWith('-') ? (word ?? '') : UNSET,
  );
  const parts = parseImageReference(filled);
  if (parts.digest !== undefined) return 'digest';
  if (parts.tag === undefined) return parts.repository.includes(UNSET) ? 'variable' : 'untagged';
  if (parts.tag.includes(UNSET)) return 'variable';
  return parts.tag === 'latest' ? 'latest' : 'tag';
}

function readBuild(reader: Reader, raw: Raw, at: SourcePointer): ComposeBuild | undefined {
  const value = raw.build;
  if (value === undefined || value === null) return undefined;
  const buildAt = pointerTo(at, 'build');
  if (typeof value === 'string') {
    return { context: value, dockerfileName: undefined, inline: false, args: [], source: buildAt };
  }
  const build = readRecord(reader, raw, 'build', at);
  if (build === undefined) return undefined;
  const inline = readString(reader, build, 'dockerfile_inline', buildAt);
  return {
    context: readString(reader, build, 'context', buildAt) ?? '.',
    dockerfileName: readString(reader, build, 'dockerfile', buildAt),
    inline: inline !== undefined,
    args: readVariables(reader, build, 'args', buildAt),
    source: buildAt,
  };
}

function resolveDockerfile(directory: string, build: ComposeBuild): RepoPath | undefined {
  const { context, dockerfileName } = build;
  if (build.inline || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.includes('$'))
    return undefined;
  const name = dockerfileName ?? 'Dockerfile';
  if (name.includes('$')) return undefined;
  return joinInRepository(joinInRepository(directory, context) ?? '', name);
}

/** A repository path from a directory and a relative path; undefined when it leaves the repository. */
function joinInRepository(directory: string | undefined, relative: string): RepoPath | undefined {
  if (directory === undefined || path.posix.isAbsolute(relative)) return undefined;
  const joined = path.posix.normalize(path.posix.join(directory, relative));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return toRepoPath(joined);
}

function readExtends(
  reader: Reader,
  raw: Raw,
  at: SourcePointer,
): { readonly service: string; readonly file: string | undefined } | undefined {
  if (typeof raw.extends === 'string') return { service: raw.extends, file: undefined };
  const extended = readRecord(reader, raw, 'extends', at);
  if (extended === undefined) return undefined;
  const extendsAt = pointerTo(at, 'extends');
  const service = readString(reader, extended, 'service', extendsAt);
  return service === undefined ? undefined : { service, file: readString(reader, extended, 'file', extendsAt) };
}

function readHealthcheck(reader: Reader, raw: Raw, at: SourcePointer): ComposeHealthcheck | undefined {
  const healthcheck = readRecord(reader, raw, 'healthcheck', at);
  if (healthcheck === undefined) return undefined;
  const healthAt = pointerTo(at, 'healthcheck');
  const test = healthcheck.test;
  const first = Array.isArray(test) ? test[0] : test;
  if (test !== undefined && test !== null && typeof test !== 'string' && !Array.isArray(test)) {
    readString(reader, healthcheck, 'test', healthAt);
  }
  const none = typeof first === 'string' && first.toUpperCase() === 'NONE';
  const hasTest = (typeof test === 'string' && test.trim() !== '') || (Array.isArray(test) && test.length > 0);
  return {
    disabled: readBoolean(reader, healthcheck, 'disable', healthAt) === true || none,
    hasTest: hasTest && !none,
    source: healthAt,
  };
}

function readRestart(
  reader: Reader,
  raw: Raw,
  at: SourcePointer,
  deploy: Raw,
  deployAt: SourcePointer,
): ComposeRestart | undefined {
  const restart = readString(reader, raw, 'restart', at);
  if (restart !== undefined) {
    const policy = restart.trim().toLowerCase();
    return { policy, restarts: policy !== 'no' && policy !== 'false', source: pointerTo(at, 'restart') };
  }
  const policyAt = pointerTo(deployAt, 'restart_policy');
  const policy = readRecord(reader, deploy, 'restart_policy', deployAt);
  if (policy === undefined) return undefined;
  // Swarm's default condition is `any`.
  const condition = (readString(reader, policy, 'condition', policyAt) ?? 'any').trim().toLowerCase();
  return {
    policy: condition,
    restarts: condition !== 'none',
    source: policy.condition === undefined ? policyAt : pointerTo(policyAt, 'condition'),
  };
}

function readDependencies(
  reader: Reader,
  raw: Raw,
  at: SourcePointer,
  targetOf: (service: string) => string | undefined,
): ComposeDependency[] {
  const value = raw.depends_on;
  const dependsAt = pointerTo(at, 'depends_on');
  if (Array.isArray(value)) {
    return readStringList(reader, raw, 'depends_on', at).flatMap((service, index) =>
      service === ''
        ? []
        : [
            {
              service,
              condition: 'service_started',
              required: true,
              target: targetOf(service),
              source: pointerTo(dependsAt, index),
            },
          ],
    );
  }
  const record = readRecord(reader, raw, 'depends_on', at);
  if (record === undefined) return [];
  return Object.entries(record).map(([service, settings]) => {
    const serviceAt = pointerTo(dependsAt, service);
    const condition = isRecord(settings)
      ? (readString(reader, settings, 'condition', serviceAt) ?? 'service_started')
      : 'service_started';
    const required = isRecord(settings) ? (readBoolean(reader, settings, 'required', serviceAt) ?? true) : true;
    return { service, condition, required, target: targetOf(service), source: serviceAt };
  });
}

function readLinks(
  reader: Reader,
  raw: Raw,
  at: SourcePointer,
  targetOf: (service: string) => string | undefined,
): ComposeLink[] {
  return readStringList(reader, raw, 'links', at).flatMap((item, index) => {
    if (item === '') return [];
    const colon = item.indexOf(':');
    const service = colon === -1 ? item : item.slice(0, colon);
    const alias = colon === -1 ? undefined : item.slice(colon + 1);
    return [{ service, alias, target: targetOf(service), source: pointerTo(at, 'links', index) }];
  });
}

function readPorts(reader: Reader, raw: Raw, at: SourcePointer): ComposePort[] {
  return readList(reader, raw, 'ports', at).flatMap((item, index) => {
    const portAt = pointerTo(at, 'ports', index);
    if (typeof item === 'number') {
      return [{ target: item, published: undefined, hostIp: undefined, protocol: 'tcp', source: portAt }];
    }
    if (typeof item === 'string') {
      const [mapping = '', protocol = 'tcp'] = item.split('/');
      const colon = mapping.lastIndexOf(':');
      const target = colon === -1 ? mapping : mapping.slice(colon + 1);
      const host = colon === -1 ? '' : mapping.slice(0, colon);
      const hostColon = host.lastIndexOf(':');
      const published = hostColon === -1 ? host : host.slice(hostColon + 1);
      const hostIp = hostColon === -1 ? undefined : host.slice(0, hostColon).replace(/^\[|\]$/g, '');
      return [
        {
          target: /^\d+$/.test(target) ? Number(target) : undefined,
          published: published === '' ? undefined : published,
          hostIp,
          protocol,
          source: portAt,
        },
      ];
    }
    if (isRecord(item)) {
      return [
        {
          target: readInteger(reader, item, 'target', portAt),
          published: readString(reader, item, 'published', portAt),
          hostIp: readString(reader, item, 'host_ip', portAt),
          protocol: readString(reader, item, 'protocol', portAt) ?? 'tcp',
          source: portAt,
        },
      ];
    }
    readStringList(reader, raw, 'ports', at);
    return [];
  });
}

function readVolumes(reader: Reader, raw: Raw, at: SourcePointer): ComposeVolume[] {
  return readList(reader, raw, 'volumes', at).flatMap((item, index): ComposeVolume[] => {
    const volumeAt = pointerTo(at, 'volumes', index);
    if (typeof item === 'string') {
      const parts = item.split(':');
      if (parts.length === 1) {
        return [{ type: 'volume', hostSource: undefined, target: item, readOnly: false, source: volumeAt }];
      }
      const [hostSource = '', target, mode = ''] = parts;
      const bind = /^[./~$]/.test(hostSource);
      return [
        {
          type: bind ? 'bind' : 'volume',
          hostSource,
          target,
          readOnly: mode.split(',').includes('ro'),
          source: volumeAt,
        },
      ];
    }
    if (isRecord(item)) {
      const type = readString(reader, item, 'type', volumeAt) ?? 'volume';
      return [
        {
          type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
          hostSource: readString(reader, item, 'source', volumeAt),
          target: readString(reader, item, 'target', volumeAt),
          readOnly: readBoolean(reader, item, 'read_only', volumeAt) ?? false,
          source: volumeAt,
        },
      ];
    }
    readStringList(reader, raw, 'volumes', at);
    return [];
  });
}

/**
 * `environment` or build `args`: a list of `NAME=value` / `NAME`, or a mapping. With `hostTarget`
 * (for `environment`), the hosts each value names, resolved to the project's services.
 */
function readVariables(
  reader: Reader,
  raw: Raw,
  key: string,
  at: SourcePointer,
  hostTarget?: (host: string) => string | undefined,
): ComposeVariable[] {
  const value = raw[key];
  const variablesAt = pointerTo(at, key);
  const variable = (name: string, written: string | undefined, source: SourcePointer): ComposeVariable => ({
    name,
    value: traitsOfValue(written),
    hosts:
      hostTarget === undefined || written === undefined
        ? []
        : hostsInValue(withDefaults(written))
            .filter((host) => isHostVariable(name) || (host.form !== 'bare' && host.form !== 'host-port'))
            .map((host) => ({ ...host, service: hostTarget(host.host) })),
    source,
  });
  if (Array.isArray(value)) {
    return readStringList(reader, raw, key, at).flatMap((item, index) => {
      if (item === '') return [];
      const equals = item.indexOf('=');
      return [
        variable(
          equals === -1 ? item : item.slice(0, equals),
          equals === -1 ? undefined : item.slice(equals + 1),
          pointerTo(variablesAt, index),
        ),
      ];
    });
  }
  const record = readRecord(reader, raw, key, at);
  if (record === undefined) return [];
  return Object.keys(record).map((name) =>
    variable(name, readString(reader, record, name, variablesAt), pointerTo(variablesAt, name)),
  );
}

/**
 * A value as Compose would interpolate it with nothing set: `${NAME:-default}` and
 * `${NAME-default}` give their default, any other reference nothing, `$$` a dollar.
 */
function withDefaults(value: string): string {
  return value.replace(
    /\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*(?:(:?[-?+])([^}]*))?\}|\$[A-Za-z_][A-Za-z0-9_]*/g,
    (match, operator: string | undefined, word: string | undefined) =>
      match === '$$' ? '$' : operator?.endsWith('-') ? (word ?? '') : '',
  );
}

function readOneOrMany(reader: Reader, raw: Raw, key: string, at: SourcePointer): readonly string[] {
  const value = raw[key];
  if (typeof value === 'string') return [value];
  return readList(reader, raw, key, at).flatMap((item, index) => {
    if (typeof item === 'string') return [item];
    if (isRecord(item)) {
      const file = readString(reader, item, 'path', pointerTo(at, key, index));
      return file === undefined ? [] : [file];
    }
    return [];
  });
}

function readLimit(reader: Reader, deploy: Raw, deployAt: SourcePointer, key: string): string | undefined {
  const resourcesAt = pointerTo(deployAt, 'resources');
  const resources = readRecord(reader, deploy, 'resources', deployAt) ?? {};
  const limits = readRecord(reader, resources, 'limits', resourcesAt) ?? {};
  return readString(reader, limits, key, pointerTo(resourcesAt, 'limits'));
}

/** `labels` as a mapping or a list of `key=value`. */
function readLabels(reader: Reader, raw: Raw, at: SourcePointer): Readonly<Record<string, string>> {
  const labels: Record<string, string> = {};
  if (Array.isArray(raw.labels)) {
    for (const item of readStringList(reader, raw, 'labels', at)) {
      const equals = item.indexOf('=');
      if (item !== '')
        labels[equals === -1 ? item : item.slice(0, equals)] = equals === -1 ? '' : item.slice(equals + 1);
    }
    return labels;
  }
  const record = readRecord(reader, raw, 'labels', at) ?? {};
  for (const name of Object.keys(record)) {
    const value = readString(reader, record, name, pointerTo(at, 'labels'));
    if (value !== undefined) labels[name] = value;
  }
  return labels;
}

/** The service and the definitions Compose merges into it (its `layers`), the service first. */
export function composeLayers(model: SystemModel, service: ComposeService): readonly ComposeService[] {
  const layers = service.layers.flatMap((id) => model.composeServices.filter((other) => other.id === id));
  return [service, ...layers];
}

/** The image build of the Dockerfile a service builds, through its layers. */
export function imageBuildFor(model: SystemModel, service: ComposeService): ImageBuild | undefined {
  for (const layer of composeLayers(model, service)) {
    if (layer.dockerfile === undefined) continue;
    const build = model.imageBuilds.find((candidate) => candidate.path === layer.dockerfile);
    if (build !== undefined) return build;
  }
  return undefined;
}

/** The compose services that build an image from this Dockerfile. */
export function composeServicesBuilding(model: SystemModel, build: ImageBuild): readonly ComposeService[] {
  return model.composeServices.filter((service) => imageBuildFor(model, service) === build);
}

/** Compose services the rules judge: those in files not meant for development by their path. */
export function productionComposeServices(model: SystemModel): readonly ComposeService[] {
  return model.composeServices.filter((service) => !service.development);
}

/** How a finding names a compose service: `service "api" of docker-compose.yml`. */
export function describeComposeService(service: ComposeService): string {
  return `service "${service.name}" of ${service.file}`;
}

/** Whether and where a compose service's containers are health-checked. */
export interface EffectiveHealthcheck {
  /** `checked`: a test runs; `disabled`: turned off (`disable: true`, `NONE`, or the Dockerfile's `HEALTHCHECK NONE`). */
  readonly state: 'checked' | 'disabled' | 'missing';
  /** The healthcheck that decides, in the compose file or the Dockerfile; the service's key when there is none. */
  readonly source: SourcePointer;
}

/**
 * The healthcheck a service runs with: its own (through its layers), else the HEALTHCHECK of
 * the Dockerfile it builds, which Compose uses when the service sets none.
 */
export function effectiveHealthcheck(model: SystemModel, service: ComposeService): EffectiveHealthcheck {
  const own = composeLayers(model, service).flatMap((layer) =>
    layer.healthcheck === undefined ? [] : [layer.healthcheck],
  );
  const checking = own.find((healthcheck) => healthcheck.hasTest && !healthcheck.disabled);
  if (checking !== undefined) return { state: 'checked', source: checking.source };
  const disabled = own.find((healthcheck) => healthcheck.disabled);
  if (disabled !== undefined) return { state: 'disabled', source: disabled.source };
  const inherited = imageBuildFor(model, service)?.healthcheck;
  if (inherited !== undefined) {
    return { state: inherited.mode === 'check' ? 'checked' : 'disabled', source: inherited.source };
  }
  return { state: 'missing', source: service.source };
}

/** The restart policy a service runs with: its own, else that of its layers. */
export function effectiveRestart(model: SystemModel, service: ComposeService): ComposeRestart | undefined {
  return composeLayers(model, service).find((layer) => layer.restart !== undefined)?.restart;
}
