/**
 * Which Dockerfile builds the image a container runs: links from image names to image builds,
 * where the repository shows them. A compose service with `build` and `image`, or a CI step
 * that builds and tags an image (`docker build -t … -f …`, `docker buildx build`,
 * docker/build-push-action, the Azure Docker task, kaniko), states such a link. Pure text rules
 * over the model; nothing is run.
 */
import path from 'node:path';
import { pointerTo, type SourcePointer } from '../core/source.js';
import { parseImageReference } from '../parse/dockerfile-image.js';
import type { ComposeService } from './compose.js';
import type { ImageBuild } from './image-builds.js';
import { splitScript } from './pipeline-commands.js';
import type { Pipeline, PipelineJob, PipelineStep, PipelineSystem } from './pipelines.js';

/** An image repository, without tag or digest, as images are compared. */
export interface ImageRepository {
  /** The registry host when one is written (`ghcr.io`; Docker Hub's aliases read as `docker.io`). */
  readonly registry: string | undefined;
  /** The path in the registry, lower case, without Docker Hub's `library/`: `acme/api`. */
  readonly path: string;
  /** The repository as written, lower case: `ghcr.io/acme/api`. */
  readonly written: string;
}

/** A statement in the repository that an image repository is built from a Dockerfile. */
export interface ImageLink {
  readonly repository: ImageRepository;
  readonly build: ImageBuild;
  /** `compose` for a compose service; otherwise the CI system of the step. */
  readonly origin: 'compose' | PipelineSystem;
  /** What builds it, for messages: `docker build`, `docker/build-push-action`, `Docker@2`, `kaniko`, `compose`. */
  readonly tool: string;
  /** The step or service names its Dockerfile (`-f`, `file:`, `dockerfile:`) instead of taking the context's default. */
  readonly explicitDockerfile: boolean;
  /** The key that states the link: the step's `with.tags`, `run`, task input or script line, the service's `image`. */
  readonly source: SourcePointer;
}

export interface ImageLinks {
  /** Every link found, in the order of the compose services and then the pipelines. */
  readonly links: readonly ImageLink[];
  /** The build of the image a container names; undefined when no link matches or the name is an expression. */
  imageBuildFor(image: string): ImageBuild | undefined;
  /** The image repositories (as written, without tags) that the repository builds from this Dockerfile, sorted. */
  imagesBuiltFrom(build: ImageBuild): readonly string[];
}

/** Variables and expressions of CI systems, Compose, shells and templates: `${{ … }}`, `$(…)`, `${X}`, `$X`, `{{ … }}`. */
const EXPRESSION =
  /\$\{\{[\s\S]*?\}\}|\$\[\[[\s\S]*?\]\]|\$\([^)]*\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[\s\S]*?\}\}|<%[\s\S]*?%>/g;
const HOLE = '\u0000';
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The repository an image reference names, without tag and digest. Expressions in the tag are
 * ignored; undefined when the repository itself holds one (`${{ env.IMAGE }}:1`,
 * `ghcr.io/${{ github.repository }}`), since its value is not in the files.
 */
export function imageRepositoryOf(image: string): ImageRepository | undefined {
  const masked = image.trim().replace(EXPRESSION, HOLE);
  if (masked === '' || /\s/.test(masked)) return undefined;
  const parts = parseImageReference(masked);
  const written = parts.repository.toLowerCase();
  if (written === '' || written.includes(HOLE) || written.endsWith('/') || written.includes('//')) return undefined;
  const host = parts.registry?.toLowerCase();
  const inRegistry = host === undefined ? written : written.slice(host.length + 1);
  return {
    registry: host !== undefined && DOCKER_HUB.has(host) ? 'docker.io' : host,
    path: inRegistry.replace(/^library\//, ''),
    written,
  };
}

/** Whether two repositories are the same image: same path, and same registry when both name one. */
export function sameRepository(a: ImageRepository, b: ImageRepository): boolean {
  return a.path === b.path && (a.registry === undefined || b.registry === undefined || a.registry === b.registry);
}

/**
 * Links image names to the Dockerfiles that build them, from compose services (`build` with
 * `image`) and CI steps that build and tag images. A Dockerfile that is not among the image
 * builds (not in the scanned tree) gives no link.
 */
export function linkImages(
  builds: readonly ImageBuild[],
  composeServices: readonly ComposeService[],
  pipelines: readonly Pipeline[],
): ImageLinks {
  const buildByPath = new Map<string, ImageBuild>(builds.map((build) => [build.path, build]));
  const links = dedupe([
    ...composeLinks(composeServices, buildByPath),
    ...pipelines.flatMap((pipeline) => pipelineLinks(pipeline, buildByPath)),
  ]);

  const chosen = new Map<string, ImageBuild | undefined>();
  const imageBuildFor = (image: string): ImageBuild | undefined => {
    if (chosen.has(image)) return chosen.get(image);
    const wanted = imageRepositoryOf(image);
    const candidates =
      wanted === undefined
        ? []
        : links.filter((link) => sameRepository(link.repository, wanted)).sort(preference(wanted));
    const build = candidates[0]?.build;
    chosen.set(image, build);
    return build;
  };
  const imagesBuiltFrom = (build: ImageBuild): readonly string[] =>
    [...new Set(links.filter((link) => link.build === build).map((link) => link.repository.written))].sort();
  return { links, imageBuildFor, imagesBuiltFrom };
}

/**
 * Order among links that match an image: a Dockerfile named explicitly first, then builds not
 * meant for development, then the same registry written on both sides, then by Dockerfile path
 * and by the file that states the link, so that the choice never depends on input order.
 */
function preference(wanted: ImageRepository): (a: ImageLink, b: ImageLink) => number {
  const rank = (link: ImageLink) => [
    link.explicitDockerfile ? 0 : 1,
    link.build.development ? 1 : 0,
    wanted.registry !== undefined && link.repository.registry === wanted.registry ? 0 : 1,
  ];
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let index = 0; index < ra.length; index += 1) {
      const difference = (ra[index] ?? 0) - (rb[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return compareText(a.build.path, b.build.path) || compareText(a.source.file, b.source.file);
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe(links: readonly ImageLink[]): ImageLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = `${link.repository.written}\u0000${link.build.path}\u0000${link.source.file}\u0000${link.source.path.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Compose.

/** `${NAME:-default}` and `${NAME-default}` read as their default, as Compose does when the variable is unset. */
function withComposeDefaults(reference: string): string {
  return reference.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, (_match, fallback: string) => fallback);
}

function composeLinks(services: readonly ComposeService[], buildByPath: ReadonlyMap<string, ImageBuild>): ImageLink[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  return services.flatMap((service): ImageLink[] => {
    const layers = [service, ...service.layers.flatMap((id) => byId.get(id) ?? [])];
    const image = layers.find((layer) => layer.image !== undefined)?.image;
    const building = layers.find((layer) => layer.dockerfile !== undefined);
    const build = building?.dockerfile === undefined ? undefined : buildByPath.get(building.dockerfile);
    const repository = image === undefined ? undefined : imageRepositoryOf(withComposeDefaults(image.reference));
    if (image === undefined || build === undefined || repository === undefined) return [];
    return [
      {
        repository,
        build,
        origin: 'compose',
        tool: 'compose',
        explicitDockerfile: building?.build?.dockerfileName !== undefined,
        source: image.source,
      },
    ];
  });
}

// Pipelines.

/** What one build command, action or task states, before its Dockerfile is looked up. */
interface BuildStatement {
  readonly images: readonly string[];
  /** Repository paths to try in order, as the tool does; empty when the Dockerfile cannot be told. */
  readonly dockerfiles: readonly string[];
  readonly explicitDockerfile: boolean;
  readonly tool: string;
  readonly source: SourcePointer;
}

/** `docker tag SOURCE TARGET`: the built image under another name. */
interface TagStatement {
  readonly from: string;
  readonly to: string;
  readonly source: SourcePointer;
}

type Statement =
  | { readonly kind: 'build'; readonly build: BuildStatement }
  | { readonly kind: 'tag'; readonly tag: TagStatement };

/** Where the pipeline's repository-relative paths start: the directory holding `.github/` or `.gitlab-ci.yml`. */
function repositoryRootOf(pipeline: Pipeline): string {
  if (pipeline.system === 'github-actions') {
    const index = pipeline.file.lastIndexOf('.github/workflows/');
    return index <= 0 ? '' : pipeline.file.slice(0, index);
  }
  return pipeline.system === 'gitlab-ci' ? pipeline.file.slice(0, pipeline.file.lastIndexOf('/') + 1) : '';
}

function pipelineLinks(pipeline: Pipeline, buildByPath: ReadonlyMap<string, ImageBuild>): ImageLink[] {
  const root = repositoryRootOf(pipeline);
  return pipeline.jobs.flatMap((job) => jobLinks(pipeline, job, root, buildByPath));
}

/** The job's builds in step order; a `docker tag` of an image built earlier in the job links the new name too. */
function jobLinks(
  pipeline: Pipeline,
  job: PipelineJob,
  root: string,
  buildByPath: ReadonlyMap<string, ImageBuild>,
): ImageLink[] {
  const links: ImageLink[] = [];
  for (const step of job.steps) {
    for (const statement of stepStatements(pipeline.system, job, step, root, buildByPath)) {
      if (statement.kind === 'build') {
        const { build: found } = statement;
        const dockerfile = found.dockerfiles.find((candidate) => buildByPath.has(candidate));
        const build = dockerfile === undefined ? undefined : buildByPath.get(dockerfile);
        if (build === undefined) continue;
        for (const image of found.images) {
          const repository = imageRepositoryOf(image);
          if (repository === undefined) continue;
          links.push({
            repository,
            build,
            origin: pipeline.system,
            tool: found.tool,
            explicitDockerfile: found.explicitDockerfile,
            source: found.source,
          });
        }
        continue;
      }
      const from = imageRepositoryOf(statement.tag.from);
      const to = imageRepositoryOf(statement.tag.to);
      if (from === undefined || to === undefined) continue;
      const original = links.find((link) => sameRepository(link.repository, from));
      if (original !== undefined) links.push({ ...original, repository: to, source: statement.tag.source });
    }
  }
  return links;
}

function stepStatements(
  system: PipelineSystem,
  job: PipelineJob,
  step: PipelineStep,
  root: string,
  buildByPath: ReadonlyMap<string, ImageBuild>,
): Statement[] {
  const statements: Statement[] = [];
  if (step.action?.kind === 'repository' && step.action.name === 'docker/build-push-action') {
    const build = buildPushAction(job, step, root);
    if (build !== undefined) statements.push({ kind: 'build', build });
  }
  if (step.task !== undefined && /^docker@\d+$/i.test(step.task.trim())) {
    const build = dockerTask(step, root, buildByPath);
    if (build !== undefined) statements.push({ kind: 'build', build });
  }
  const script = scriptOf(system, step);
  if (script !== undefined) statements.push(...scriptStatements(script.text, script.source, root));
  return statements;
}

/** The shell script of a step: `run`, a GitLab script line, an Azure `script`, or a shell task's `script` input. */
function scriptOf(system: PipelineSystem, step: PipelineStep): { text: string; source: SourcePointer } | undefined {
  if (step.run !== undefined) {
    // A GitLab step is its script line; an Azure script sits under `script`, `bash`, `pwsh` or
    // `powershell`, which its activities name when it has any.
    const named = step.activities.find((activity) => activity.step === step.index)?.source;
    const source =
      system === 'gitlab-ci'
        ? step.source
        : system === 'github-actions'
          ? pointerTo(step.source, 'run')
          : (named ?? step.source);
    return { text: step.run, source };
  }
  if (step.task === undefined) return undefined;
  const key = inputKey(step.inputs, 'script') ?? inputKey(step.inputs, 'inlineScript');
  const text = key === undefined ? undefined : step.inputs[key];
  return key === undefined || text === undefined ? undefined : { text, source: pointerTo(step.source, 'inputs', key) };
}

/** The key of an input, matched without regard to case as Azure Pipelines does. */
function inputKey(inputs: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(inputs).find((key) => key.toLowerCase() === lower);
}

function input(inputs: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = inputKey(inputs, name);
  const value = key === undefined ? undefined : inputs[key]?.trim();
  return value === '' ? undefined : value;
}

/**
 * docker/build-push-action: `tags` (a list by lines or commas), `file` (relative to the
 * workspace; default `<context>/Dockerfile`) and `context` (default: the repository itself).
 * Tags taken from docker/metadata-action (`${{ steps.meta.outputs.tags }}`) are that step's `images`.
 */
function buildPushAction(job: PipelineJob, step: PipelineStep, root: string): BuildStatement | undefined {
  const written = input(step.inputs, 'tags');
  if (written === undefined) return undefined;
  const images = listItems(written).flatMap((tag) => {
    const metadataStep = /^\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.tags\s*\}\}$/.exec(tag)?.[1];
    return metadataStep === undefined ? [tag] : metadataImages(job, step, metadataStep);
  });
  const contextInput = input(step.inputs, 'context');
  const context = contextInput === undefined ? '.' : gitContextPath(contextInput);
  const file = input(step.inputs, 'file');
  const contextPath = context === undefined ? undefined : repositoryPath(root, context);
  const dockerfiles =
    file !== undefined
      ? present(repositoryPath(root, file))
      : contextPath === undefined
        ? []
        : defaultDockerfiles(contextPath);
  return {
    images,
    dockerfiles,
    explicitDockerfile: file !== undefined,
    tool: 'docker/build-push-action',
    source: pointerTo(step.source, 'with', inputKey(step.inputs, 'tags') ?? 'tags'),
  };
}

/** `{{defaultContext}}:sub/dir` is a directory of the repository's Git context; other remote contexts are not followed. */
function gitContextPath(context: string): string | undefined {
  const subdirectory = /^\{\{\s*defaultContext\s*\}\}(?::(.*))?$/.exec(context);
  if (subdirectory !== null) return subdirectory[1] === undefined || subdirectory[1] === '' ? '.' : subdirectory[1];
  return isRemoteContext(context) ? undefined : context;
}

/** The `images` of the docker/metadata-action step a tag expression reads, earlier in the same job. */
function metadataImages(job: PipelineJob, step: PipelineStep, id: string): string[] {
  const earlier = job.steps.filter(
    (other) => other.index < step.index && other.action?.name === 'docker/metadata-action',
  );
  // A step's `id` is its name in the model when it has no `name`; a lone metadata step is the one meant.
  const source = earlier.find((other) => other.name === id) ?? (earlier.length === 1 ? earlier[0] : undefined);
  const images = source === undefined ? undefined : input(source.inputs, 'images');
  if (images === undefined) return [];
  return images.split(/\r?\n/).flatMap((line) => {
    const named = /(?:^|,)\s*name=([^,]+)/.exec(line)?.[1];
    return named !== undefined ? [named.trim()] : listItems(line);
  });
}

/**
 * The Azure Pipelines Docker task: `repository` (Docker@2) or `imageName` (Docker@0/1), and the
 * `Dockerfile` path from the sources directory, a pattern by default (`**\/Dockerfile`). A
 * pattern that matches several Dockerfiles leaves the link out: the task takes the first match.
 */
function dockerTask(
  step: PipelineStep,
  root: string,
  buildByPath: ReadonlyMap<string, ImageBuild>,
): BuildStatement | undefined {
  const command = (input(step.inputs, 'command') ?? 'buildAndPush').toLowerCase();
  if (!['build', 'buildandpush', 'build an image'].includes(command)) return undefined;
  const imageKey = inputKey(step.inputs, 'repository') ?? inputKey(step.inputs, 'imageName');
  const image = imageKey === undefined ? undefined : input(step.inputs, imageKey);
  if (imageKey === undefined || image === undefined) return undefined;
  const dockerfileKey = inputKey(step.inputs, 'Dockerfile');
  const written =
    dockerfileKey === undefined ? '**/Dockerfile' : (input(step.inputs, dockerfileKey) ?? '**/Dockerfile');
  let dockerfiles: string[];
  if (/[*?]/.test(written)) {
    const pattern = globPattern(written.replace(/^\/+/, ''));
    const matches = [...buildByPath.keys()].filter(
      (candidate) => candidate.startsWith(root) && pattern.test(candidate.slice(root.length)),
    );
    dockerfiles = matches.length === 1 ? matches : [];
  } else {
    dockerfiles = present(repositoryPath(root, written));
  }
  return {
    images: [image],
    dockerfiles,
    explicitDockerfile: dockerfileKey !== undefined && !/[*?]/.test(written),
    tool: step.task ?? 'Docker',
    source: pointerTo(step.source, 'inputs', imageKey),
  };
}

function globPattern(glob: string): RegExp {
  let pattern = '';
  for (let index = 0; index < glob.length; index += 1) {
    const character = glob[index] ?? '';
    if (glob.startsWith('**/', index)) {
      pattern += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      pattern += '.*';
      index += 1;
    } else if (character === '*') {
      pattern += '[^/]*';
    } else if (character === '?') {
      pattern += '[^/]';
    } else {
      pattern += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${pattern}$`);
}

const BUILD_COMMAND =
  /^(?:docker\s+(?:image\s+)?build|docker\s+buildx\s+build|podman\s+(?:image\s+)?build|buildah\s+(?:bud|build))\b/;
const TAG_COMMAND = /^(?:docker|podman|buildah)\s+(?:image\s+)?tag\b/;
const KANIKO_COMMAND = /^(?:\S*\/)?executor\b/;
/** Flags of `docker build` and its kin that take no value. */
const SWITCHES = new Set([
  '--push',
  '--load',
  '--no-cache',
  '--pull',
  '-q',
  '--quiet',
  '--rm',
  '--force-rm',
  '--squash',
  '--compress',
  '--disable-content-trust',
  '--debug',
  '-D',
  '--check',
  '--layers',
  '--no-push',
  '--cache',
  '--reproducible',
  '--single-snapshot',
  '--skip-tls-verify',
  '--insecure',
  '--cleanup',
]);

/** Builds and tags in a script, in order. */
function scriptStatements(script: string, source: SourcePointer, root: string): Statement[] {
  const statements: Statement[] = [];
  for (const command of splitScript(script)) {
    for (const segment of command.segments) {
      const words = shellWords(segment);
      if (BUILD_COMMAND.test(segment)) {
        const start = words.findIndex((word) => word === 'build' || word === 'bud');
        const build = dockerBuild(words.slice(start + 1), source, root, commandName(words, start));
        if (build !== undefined) statements.push({ kind: 'build', build });
      } else if (TAG_COMMAND.test(segment)) {
        const { positional } = parseArguments(words.slice(words.indexOf('tag') + 1));
        const [from, to] = positional;
        if (from !== undefined && to !== undefined) statements.push({ kind: 'tag', tag: { from, to, source } });
      } else if (KANIKO_COMMAND.test(segment)) {
        const build = kanikoBuild(words.slice(1), source, root);
        if (build !== undefined) statements.push({ kind: 'build', build });
      }
    }
  }
  return statements;
}

function commandName(words: readonly string[], end: number): string {
  return words.slice(0, end + 1).join(' ');
}

/**
 * `docker build [-t NAME]… [-f FILE] CONTEXT` and buildx/podman/buildah alike: as the Docker
 * CLI does, `-f` is a path from the working directory (the repository root here) and the
 * default is `<context>/Dockerfile` (or `<context>/dockerfile`).
 */
function dockerBuild(
  words: readonly string[],
  source: SourcePointer,
  root: string,
  tool: string,
): BuildStatement | undefined {
  const { options, positional } = parseArguments(words);
  const images = [...(options.get('-t') ?? []), ...(options.get('--tag') ?? [])];
  const file = [...(options.get('-f') ?? []), ...(options.get('--file') ?? [])].at(-1);
  const context = positional[0];
  if (images.length === 0 || context === undefined || context === '-' || isRemoteContext(context)) return undefined;
  if (file === '-') return undefined;
  const contextPath = repositoryPath(root, context);
  const dockerfiles =
    file !== undefined
      ? present(repositoryPath(root, file))
      : contextPath === undefined
        ? []
        : defaultDockerfiles(contextPath, /^(podman|buildah)\b/.test(tool));
  return { images, dockerfiles, explicitDockerfile: file !== undefined, tool, source };
}

/**
 * kaniko's executor: `--destination`/`-d` (repeatable), `--context`/`-c`, `--dockerfile`/`-f`.
 * As kaniko does, the Dockerfile path is tried from the working directory (the repository
 * root here), then from the context.
 */
function kanikoBuild(words: readonly string[], source: SourcePointer, root: string): BuildStatement | undefined {
  const { options } = parseArguments(words);
  const images = [...(options.get('-d') ?? []), ...(options.get('--destination') ?? [])];
  if (images.length === 0) return undefined;
  const contextWritten = [...(options.get('-c') ?? []), ...(options.get('--context') ?? [])].at(-1);
  const localContext = contextWritten?.replace(/^dir:\/\//, '');
  const contextPath =
    localContext === undefined || isRemoteContext(localContext) ? undefined : repositoryPath(root, localContext);
  const file = [...(options.get('-f') ?? []), ...(options.get('--dockerfile') ?? [])].at(-1);
  const name = file ?? 'Dockerfile';
  const candidates = [repositoryPath(root, name)];
  if (contextPath !== undefined && !path.posix.isAbsolute(name) && !name.includes('$')) {
    candidates.push(joinInRepository(contextPath, name));
  }
  return {
    images,
    dockerfiles: candidates.flatMap(present),
    explicitDockerfile: file !== undefined,
    tool: 'kaniko',
    source,
  };
}

/** Options (every value of each) and positional arguments of a command line; flags not known as switches take a value. */
function parseArguments(words: readonly string[]): {
  options: Map<string, string[]>;
  positional: string[];
} {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  const add = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (word === '--') {
      positional.push(...words.slice(index + 1));
      break;
    }
    if (word.startsWith('--')) {
      const equals = word.indexOf('=');
      if (equals !== -1) add(word.slice(0, equals), word.slice(equals + 1));
      else if (!SWITCHES.has(word) && index + 1 < words.length) {
        index += 1;
        add(word, words[index] ?? '');
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      const name = word.slice(0, 2);
      const rest = word.slice(2).replace(/^=/, '');
      if (rest !== '') add(name, rest);
      else if (!SWITCHES.has(name) && index + 1 < words.length) {
        index += 1;
        add(name, words[index] ?? '');
      }
      continue;
    }
    positional.push(word);
  }
  return { options, positional };
}

/** The words of a command, with quotes removed and `${{ … }}` / `$( … )` kept whole. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | undefined;
  for (let index = 0; index < command.length; index += 1) {
    const character = command[index] ?? '';
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
      else current += character;
      continue;
    }
    const closer = command.startsWith('${{', index) ? '}}' : command.startsWith('$(', index) ? ')' : undefined;
    if (closer !== undefined) {
      const end = command.indexOf(closer, index + 2);
      const stop = end === -1 ? command.length : end + closer.length;
      current += command.slice(index, stop);
      inWord = true;
      index = stop - 1;
    } else if (character === '"' || character === "'") {
      quote = character;
      inWord = true;
    } else if (character === '\\' && index + 1 < command.length) {
      current += command[index + 1] ?? '';
      inWord = true;
      index += 1;
    } else if (/\s/.test(character)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += character;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Items of a list written one per line or separated by commas; commas inside `${{ … }}` do not split. */
function listItems(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    if (text.startsWith('${{', index)) {
      const end = text.indexOf('}}', index + 3);
      const stop = end === -1 ? text.length : end + 2;
      current += text.slice(index, stop);
      index = stop - 1;
      continue;
    }
    const character = text[index] ?? '';
    if (character === ',' || character === '\n' || character === '\r') {
      items.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || /\.git(#.*)?$/.test(context);
}

/** Variables that stand for the checked-out repository in each CI system. */
const ROOT_VARIABLE =
  /\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?|\$\{?CI_PROJECT_DIR\}?|\$\((?:Build\.SourcesDirectory|Build\.Repository\.LocalPath|System\.DefaultWorkingDirectory)\)/gi;
const ROOT = '\u0001';

/**
 * The repository path of a path written in a CI step, from the pipeline's repository root; the
 * workspace variables (`$GITHUB_WORKSPACE`, `${CI_PROJECT_DIR}`, `$(Build.SourcesDirectory)`)
 * stand for that root. Undefined for other variables, machine paths and paths that leave the
 * repository.
 */
function repositoryPath(root: string, written: string): string | undefined {
  const text = written.trim().replace(ROOT_VARIABLE, ROOT);
  if (text.lastIndexOf(ROOT) > 0 || text.includes('$') || text.includes('{{') || text.startsWith('~')) return undefined;
  if (text.startsWith(ROOT)) return joinInRepository(root, text.slice(1).replace(/^\/+/, '') || '.');
  if (path.posix.isAbsolute(text) || text === '') return undefined;
  return joinInRepository(root, text);
}

function joinInRepository(directory: string, relative: string): string | undefined {
  if (path.posix.isAbsolute(relative)) return undefined;
  const joined = path.posix.normalize(path.posix.join(directory === '' ? '.' : directory, relative));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined;
}

/** The Dockerfile a build takes from its context: `Dockerfile` (or `dockerfile`), Podman and Buildah trying `Containerfile` first. */
function defaultDockerfiles(context: string, containerfileFirst = false): string[] {
  const names = containerfileFirst ? ['Containerfile', 'Dockerfile', 'dockerfile'] : ['Dockerfile', 'dockerfile'];
  return names.flatMap((name) => present(joinInRepository(context, name)));
}

function present(value: string | undefined): string[] {
  return value === undefined ? [] : [value];
}
