import type { RepoPath, SourcePointer } from '../core/source.js';
import type {
  DockerExposedPort,
  DockerHealthcheck,
  DockerImageReference,
  DockerPackageInstall,
  DockerRemoteScript,
  DockerStage,
  DockerVariable,
  ParsedDockerfile,
} from '../parse/dockerfile.js';
import type { Reader } from './read.js';
import type { ObjectNode, SystemModel } from './types.js';

export type {
  DockerExposedPort,
  DockerHealthcheck,
  DockerImageReference,
  DockerPackageInstall,
  DockerRemoteScript,
  DockerStage,
  DockerVariable,
} from '../parse/dockerfile.js';

/** Who the final image runs as, from the last USER of the final stage and the stages it is built on. */
export interface ImageUser {
  /** The USER as written; undefined when no USER is set. */
  readonly user: string | undefined;
  /**
   * `root` for root or uid 0 (with or without a group), `non-root` for any other user, `unknown`
   * when the USER holds a variable without a value, `unset` when no stage of the chain sets one
   * (the base image's user applies, root for most images).
   */
  readonly runsAs: 'root' | 'non-root' | 'unknown' | 'unset';
  /** The USER instruction; the final image's `endOfFinalStage` when there is none. */
  readonly source: SourcePointer;
}

/** An `ADD <url>`: a download into the image. */
export interface RemoteDownload {
  /** `--checksum` verifies what was downloaded. */
  readonly checksum: boolean;
  /** The URL in the ADD. */
  readonly source: SourcePointer;
}

/** An image built from a Dockerfile in the repository. */
export interface ImageBuild extends ObjectNode {
  readonly kind: 'image-build';
  readonly path: RepoPath;
  /** The file is for development by its name (`Dockerfile.dev`) or place (`.devcontainer/`): the rules leave it alone. */
  readonly development: boolean;
  readonly stages: readonly DockerStage[];
  readonly finalStage: DockerStage;
  /** The final stage and the stages it is built FROM, final first. */
  readonly finalChain: readonly DockerStage[];
  /** The image the final image starts from, following `FROM <stage>` back to an image that is not a stage. */
  readonly baseImage: DockerImageReference;
  readonly user: ImageUser;
  /**
   * Where an instruction the final image lacks (USER, HEALTHCHECK) belongs: the last CMD or
   * ENTRYPOINT of the final stage, else its last instruction.
   */
  readonly endOfFinalStage: SourcePointer;
  /** The last HEALTHCHECK of the final chain (`mode: 'none'` turns the base image's check off). */
  readonly healthcheck: DockerHealthcheck | undefined;
  /** EXPOSEd ports of the final chain. */
  readonly exposedPorts: readonly DockerExposedPort[];
  /** ARGs before the first FROM, then every stage's ARGs and ENVs; names and value traits only. */
  readonly variables: readonly DockerVariable[];
  /** ENV names that reach the final image (set in the final chain). */
  readonly finalEnvironment: readonly DockerVariable[];
  /** Package installs of the final chain: what ends up in the layers of the shipped image. */
  readonly packageInstalls: readonly DockerPackageInstall[];
  /** Downloads piped into an interpreter, in any stage. */
  readonly remoteScripts: readonly DockerRemoteScript[];
  /** `ADD <url>` in any stage. */
  readonly remoteDownloads: readonly RemoteDownload[];
  /** Whether some RUN uses `--mount=type=secret`. */
  readonly usesSecretMounts: boolean;
}

/** Words in a file name that mark the file as meant for development, tests, CI or examples. */
const DEVELOPMENT_WORDS = new Set([
  'dev',
  'devel',
  'develop',
  'development',
  'local',
  'test',
  'tests',
  'testing',
  'e2e',
  'ci',
  'debug',
  'example',
  'sample',
  'demo',
]);

/**
 * Whether a file is meant for development by its name (`docker-compose.dev.yml`,
 * `Dockerfile.test`, `local.Dockerfile`) or because it lies in `.devcontainer/`. Directory names
 * other than that are not read: the scanned tree may itself sit under `examples/` or `test/`.
 */
export function isDevelopmentPath(path: string): boolean {
  const segments = path.split('/');
  if (segments.includes('.devcontainer')) return true;
  const name = segments.at(-1) ?? '';
  return name
    .toLowerCase()
    .split(/[._-]+/)
    .some((word) => DEVELOPMENT_WORDS.has(word));
}

export function buildImageBuilds(_reader: Reader, dockerfiles: readonly ParsedDockerfile[]): ImageBuild[] {
  return dockerfiles.flatMap((dockerfile) => {
    const finalStage = dockerfile.stages.at(-1);
    return finalStage === undefined ? [] : [toImageBuild(dockerfile, finalStage)];
  });
}

function toImageBuild(dockerfile: ParsedDockerfile, finalStage: DockerStage): ImageBuild {
  const finalChain = chainOf(dockerfile.stages, finalStage);
  const base = finalChain.at(-1) ?? finalStage;
  const innermostFirst = [...finalChain].reverse();
  const endOfFinalStage =
    (
      finalStage.instructions.findLast(
        (instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT',
      ) ?? finalStage.instructions.at(-1)
    )?.source ?? finalStage.source;
  return {
    id: `Dockerfile/${dockerfile.path}`,
    object: { kind: 'Dockerfile', name: dockerfile.path },
    apiVersion: '',
    name: dockerfile.path,
    namespace: '',
    labels: {},
    annotations: {},
    suppressions: [],
    unreadable: [],
    source: dockerfile.source,
    kind: 'image-build',
    path: dockerfile.path,
    development: isDevelopmentPath(dockerfile.path),
    stages: dockerfile.stages,
    finalStage,
    finalChain,
    baseImage: base.image,
    endOfFinalStage,
    user: userOf(finalChain, endOfFinalStage),
    healthcheck: innermostFirst.flatMap((stage) => stage.healthchecks).at(-1),
    exposedPorts: innermostFirst.flatMap((stage) => stage.exposedPorts),
    variables: [...dockerfile.globalArgs, ...dockerfile.stages.flatMap((stage) => stage.variables)],
    finalEnvironment: innermostFirst.flatMap((stage) =>
      stage.variables.filter((variable) => variable.instruction === 'ENV'),
    ),
    packageInstalls: innermostFirst.flatMap((stage) => stage.runs.flatMap((run) => run.installs)),
    remoteScripts: dockerfile.stages.flatMap((stage) => stage.runs.flatMap((run) => run.remoteScripts)),
    remoteDownloads: dockerfile.stages.flatMap((stage) =>
      stage.additions
        .filter((addition) => addition.instruction === 'ADD')
        .flatMap((addition) =>
          addition.sources
            .filter((source) => source.remote)
            .map((source) => ({ checksum: addition.checksum, source: source.source })),
        ),
    ),
    usesSecretMounts: dockerfile.stages.some((stage) => stage.runs.some((run) => run.secretMount)),
  };
}

/** A stage and the stages it is built FROM, nearest first; stops at a loop. */
function chainOf(stages: readonly DockerStage[], stage: DockerStage): DockerStage[] {
  const chain: DockerStage[] = [];
  let current: DockerStage | undefined = stage;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = current.parentStage === undefined ? undefined : stages[current.parentStage];
  }
  return chain;
}

function userOf(chain: readonly DockerStage[], endOfFinalStage: SourcePointer): ImageUser {
  for (const stage of chain) {
    const last = stage.users.at(-1);
    if (last === undefined) continue;
    if (last.resolved === undefined) return { user: last.user, runsAs: 'unknown', source: last.source };
    const name = (last.resolved.split(':')[0] ?? '').trim();
    return { user: last.user, runsAs: name === 'root' || name === '0' ? 'root' : 'non-root', source: last.source };
  }
  return { user: undefined, runsAs: 'unset', source: endOfFinalStage };
}

/** Image builds the rules judge: those not meant for development by their path. */
export function productionImageBuilds(model: SystemModel): readonly ImageBuild[] {
  return model.imageBuilds.filter((build) => !build.development);
}
