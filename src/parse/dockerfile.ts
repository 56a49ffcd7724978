import {
  type Add,
  type Arg,
  type Copy,
  DockerfileParser,
  type Env,
  type From,
  type Healthcheck,
  type Instruction,
  type Run,
} from 'dockerfile-ast';
import type { Locator, ParseIssue, PathSegment, Position, RepoPath, SourcePointer } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { analyseScript, type PackageManager } from './dockerfile-commands.js';
import { type ImageReferenceParts, parseImageReference } from './dockerfile-image.js';
import { traitsOfValue, type ValueTraits } from './dockerfile-values.js';
import type { ParsedPart } from './parsed-part.js';

/**
 * Dockerfiles parsed into build stages and the instructions the rules read, each with a
 * pointer that resolves to its exact line and column.
 *
 * Pointer paths name things by stage and keyword rather than by line, so that a finding's
 * fingerprint survives edits elsewhere in the file: `['stages', 'build', 'RUN', 2]` is the third
 * RUN of the stage named `build` (an unnamed stage is keyed by its index), `['args', 'BASE']` an
 * ARG declared before the first FROM. A path that names nothing resolves to its longest prefix
 * that does; `[]` is the file's first instruction.
 */
export interface ParsedDockerfile {
  readonly path: RepoPath;
  /** The file's first instruction. */
  readonly source: SourcePointer;
  /** ARGs declared before the first FROM (they parameterise FROM lines). */
  readonly globalArgs: readonly DockerVariable[];
  readonly stages: readonly DockerStage[];
}

export interface DockerImageReference {
  /** As written after FROM, variables included. */
  readonly written: string;
  /** With the defaults of the ARGs declared before the first FROM filled in; undefined when a variable has none. */
  readonly resolved: string | undefined;
  /** The parts of the resolved reference; undefined when it did not resolve. */
  readonly parts: ImageReferenceParts | undefined;
  /** The image argument of the FROM line; `pointerTo(source, 'tag')` / `'digest'` reach those parts. */
  readonly source: SourcePointer;
}

export interface DockerInstruction {
  /** Upper case: `RUN`, `COPY`… */
  readonly keyword: string;
  readonly source: SourcePointer;
}

export interface DockerVariable {
  readonly instruction: 'ARG' | 'ENV';
  readonly name: string;
  /** What the value is made of; the value itself is not kept. */
  readonly value: ValueTraits;
  /** The variable's name in the instruction. */
  readonly source: SourcePointer;
}

export interface DockerUser {
  /** As written (`app`, `1000:1000`, `${UID}`). */
  readonly user: string;
  /** With ARG/ENV values of the stage filled in; undefined when a variable has no value. */
  readonly resolved: string | undefined;
  readonly source: SourcePointer;
}

export interface DockerHealthcheck {
  /** `HEALTHCHECK CMD …` checks; `HEALTHCHECK NONE` turns off the base image's check. */
  readonly mode: 'check' | 'none';
  /** `--interval`, `--timeout`, `--start-period`, `--start-interval`, `--retries`, as written. */
  readonly options: Readonly<Record<string, string>>;
  readonly source: SourcePointer;
}

export interface DockerExposedPort {
  /** The port number; undefined when written with a variable. */
  readonly port: number | undefined;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly written: string;
  readonly source: SourcePointer;
}

export interface DockerPackageInstall {
  readonly manager: PackageManager;
  readonly skipsRecommends: boolean;
  readonly keepsCache: boolean;
  /** The package manager's word in the RUN. */
  readonly source: SourcePointer;
}

export interface DockerRemoteScript {
  readonly tool: 'curl' | 'wget';
  readonly interpreter: string;
  /** The download command in the RUN. */
  readonly source: SourcePointer;
}

export interface DockerRun {
  readonly installs: readonly DockerPackageInstall[];
  readonly remoteScripts: readonly DockerRemoteScript[];
  /** `--mount=type=secret` is used: the way to give a build step a credential. */
  readonly secretMount: boolean;
  readonly source: SourcePointer;
}

export interface DockerAddition {
  readonly instruction: 'ADD' | 'COPY';
  readonly sources: readonly {
    /** An http(s) URL or a Git repository. */
    readonly remote: boolean;
    readonly source: SourcePointer;
  }[];
  /** `ADD --checksum=…`: the download is verified. */
  readonly checksum: boolean;
  /** `COPY --from=…`. */
  readonly from: string | undefined;
  readonly source: SourcePointer;
}

export interface DockerStage {
  readonly index: number;
  /** `FROM … AS <name>`. */
  readonly name: string | undefined;
  readonly image: DockerImageReference;
  /** The earlier stage this one is built FROM, when its image names one. */
  readonly parentStage: number | undefined;
  /** `--platform`, as written. */
  readonly platform: string | undefined;
  /** The FROM instruction. */
  readonly source: SourcePointer;
  /** Every instruction of the stage, FROM included, in order. */
  readonly instructions: readonly DockerInstruction[];
  readonly variables: readonly DockerVariable[];
  readonly users: readonly DockerUser[];
  readonly healthchecks: readonly DockerHealthcheck[];
  readonly exposedPorts: readonly DockerExposedPort[];
  readonly runs: readonly DockerRun[];
  readonly additions: readonly DockerAddition[];
}

const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

const SHELLS = /^(\/(usr\/)?bin\/)?(sh|bash|ash|dash|zsh)$/;

export function parseDockerfiles(files: readonly SourceFile[]): ParsedPart<readonly ParsedDockerfile[]> {
  const parsed: ParsedDockerfile[] = [];
  const issues: ParseIssue[] = [];
  const examined: RepoPath[] = [];
  for (const file of files) {
    if (file.kind !== 'dockerfile') continue;
    examined.push(file.path);
    const result = parseDockerfile(file.path, file.text);
    issues.push(...result.issues);
    if (result.dockerfile !== undefined) parsed.push(result.dockerfile);
  }
  return { parsed, issues, examined };
}

interface StageScope {
  /** Values of ARGs and ENVs in scope: used to resolve USER lines, never exported. */
  readonly values: Map<string, string | undefined>;
  /** ENV names set so far in the stage and the stages it builds on. */
  readonly environment: Set<string>;
}

/** A stage while its instructions are read; the extra fields are dropped from the result. */
interface MutableStage {
  readonly index: number;
  readonly name: string | undefined;
  readonly key: string | number;
  readonly image: DockerImageReference;
  readonly parentStage: number | undefined;
  readonly platform: string | undefined;
  readonly source: SourcePointer;
  readonly instructions: DockerInstruction[];
  readonly variables: DockerVariable[];
  readonly users: DockerUser[];
  readonly healthchecks: DockerHealthcheck[];
  readonly exposedPorts: DockerExposedPort[];
  readonly runs: DockerRun[];
  readonly additions: DockerAddition[];
  readonly counts: Map<string, number>;
  readonly scope: StageScope;
}

/** Parses one Dockerfile. A file without any FROM gives no Dockerfile, and an issue when it is not empty. */
export function parseDockerfile(
  path: RepoPath,
  text: string,
): { readonly dockerfile: ParsedDockerfile | undefined; readonly issues: readonly ParseIssue[] } {
  const positions = new Map<string, Position>();
  const lineStarts: number[] = [0];
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '\n') lineStarts.push(index + 1);
  }
  const issues: ParseIssue[] = [];
  const globalArgs: DockerVariable[] = [];
  /** Defaults of the ARGs before the first FROM: used to resolve FROM lines, never exported. */
  const globalValues = new Map<string, string | undefined>();
  const stages: MutableStage[] = [];
  const locator: Locator = {
    locate: (segments) => {
      for (let length = segments.length; length >= 0; length -= 1) {
        const found = positions.get(key(segments.slice(0, length)));
        if (found !== undefined) return found;
      }
      return { line: 1, column: 1 };
    },
  };
  const dockerfile = DockerfileParser.parse(text);
  const escapeCharacter = dockerfile.getEscapeCharacter();
  const instructions = dockerfile.getInstructions();
  const first = instructions[0];
  if (first !== undefined) remember([], first.getInstructionRange().start);
  for (const instruction of instructions) readInstruction(instruction);
  if (stages.length === 0) {
    if (instructions.length > 0) issue({ line: 0, character: 0 }, 'The Dockerfile has no FROM instruction.');
    return { dockerfile: undefined, issues };
  }
  return {
    dockerfile: {
      path,
      source: pointer([]),
      globalArgs,
      stages: stages.map(({ key: _key, counts: _counts, scope: _scope, ...stage }): DockerStage => stage),
    },
    issues,
  };

  function readInstruction(instruction: Instruction): void {
    const keyword = instruction.getKeyword();
    const start = instruction.getInstructionRange().start;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      issue(start, `Unknown instruction "${instruction.getInstruction()}"; the line was ignored.`);
      return;
    }
    if (keyword === 'FROM') {
      readFrom(instruction as From);
      return;
    }
    const stage = stages.at(-1);
    if (stage === undefined) {
      if (keyword === 'ARG') readGlobalArg(instruction as Arg);
      else issue(start, `${keyword} before the first FROM; the line was ignored.`);
      return;
    }
    const ordinal = stage.counts.get(keyword) ?? 0;
    stage.counts.set(keyword, ordinal + 1);
    const at: PathSegment[] = ['stages', stage.key, keyword, ordinal];
    remember(at, start);
    const source = pointer(at);
    stage.instructions.push({ keyword, source });
    switch (keyword) {
      case 'ARG':
      case 'ENV':
        readVariables(stage, instruction as Arg | Env, keyword);
        return;
      case 'USER':
        readUser(stage, instruction, source);
        return;
      case 'HEALTHCHECK':
        readHealthcheck(stage, instruction as Healthcheck, source);
        return;
      case 'EXPOSE':
        readExpose(stage, instruction, at);
        return;
      case 'RUN':
        readRun(stage, instruction as Run, at);
        return;
      case 'ADD':
      case 'COPY':
        readAddition(stage, instruction as Add | Copy, keyword, at);
        return;
      default:
        return;
    }
  }

  function readGlobalArg(instruction: Arg): void {
    const property = instruction.getProperty();
    if (property === null) {
      issue(instruction.getInstructionRange().start, 'ARG without a name; the line was ignored.');
      return;
    }
    const name = property.getName();
    const value = property.getValue() ?? undefined;
    const at: PathSegment[] = ['args', name];
    remember(at, property.getNameRange().start);
    globalValues.set(name, value);
    globalArgs.push({ instruction: 'ARG', name, value: traitsOfValue(value), source: pointer(at) });
  }

  function readFrom(instruction: From): void {
    const start = instruction.getInstructionRange().start;
    const written = instruction.getImage();
    const imageRange = instruction.getImageRange();
    if (written === null || imageRange === null) {
      issue(start, 'FROM without an image; the line was ignored.');
      return;
    }
    const index = stages.length;
    const name = instruction.getBuildStage() ?? undefined;
    const taken = name !== undefined && stages.some((stage) => stage.name?.toLowerCase() === name.toLowerCase());
    if (taken) issue(start, `Stage name "${name}" is used twice; the later stage is keyed by its index.`);
    const key = name === undefined || taken || /^\d+$/.test(name) ? index : name;
    const root: PathSegment[] = ['stages', key];
    remember(root, start);
    remember([...root, 'FROM'], imageRange.start);
    const tagRange = instruction.getImageTagRange();
    if (tagRange !== null) remember([...root, 'FROM', 'tag'], tagRange.start);
    const digestRange = instruction.getImageDigestRange();
    if (digestRange !== null) remember([...root, 'FROM', 'digest'], digestRange.start);
    const platform = instruction.getPlatformFlag();
    if (platform !== null) remember([...root, 'FROM', 'platform'], platform.getRange().start);
    const stageRange = instruction.getBuildStageRange();
    if (stageRange !== null) remember([...root, 'FROM', 'name'], stageRange.start);

    const resolved = substitute(written, globalValues);
    const parentStage =
      resolved === undefined
        ? undefined
        : stages.find((stage) => stage.name !== undefined && stage.name.toLowerCase() === resolved.toLowerCase())
            ?.index;
    const parent = parentStage === undefined ? undefined : stages[parentStage];
    const source = pointer(root);
    stages.push({
      index,
      name,
      key,
      image: {
        written,
        resolved,
        parts: resolved === undefined || parentStage !== undefined ? undefined : parseImageReference(resolved),
        source: pointer([...root, 'FROM']),
      },
      parentStage,
      platform: platform?.getValue() ?? undefined,
      source,
      instructions: [{ keyword: 'FROM', source }],
      variables: [],
      users: [],
      healthchecks: [],
      exposedPorts: [],
      runs: [],
      additions: [],
      counts: new Map(),
      scope: {
        values: new Map(parent?.scope.values ?? []),
        environment: new Set(parent?.scope.environment ?? []),
      },
    });
  }

  function readVariables(stage: MutableStage, instruction: Arg | Env, keyword: 'ARG' | 'ENV'): void {
    const properties =
      keyword === 'ARG'
        ? [(instruction as Arg).getProperty()].filter((property) => property !== null)
        : (instruction as Env).getProperties();
    if (properties.length === 0) {
      issue(instruction.getInstructionRange().start, `${keyword} without a name; the line was ignored.`);
      return;
    }
    for (const property of properties) {
      const name = property.getName();
      const written = property.getValue() ?? undefined;
      let at: PathSegment[] = ['stages', stage.key, keyword, name];
      if (positions.has(key(at))) at = [...at, stage.counts.get(`${keyword} ${name}`) ?? 1];
      stage.counts.set(`${keyword} ${name}`, (stage.counts.get(`${keyword} ${name}`) ?? 1) + 1);
      remember(at, property.getNameRange().start);
      stage.variables.push({ instruction: keyword, name, value: traitsOfValue(written), source: pointer(at) });
      // An ARG without a value in a stage takes the default of the global ARG of that name.
      const value =
        keyword === 'ARG' && written === undefined
          ? globalValues.get(name)
          : written === undefined
            ? undefined
            : substitute(written, stage.scope.values);
      stage.scope.values.set(name, value);
      if (keyword === 'ENV') stage.scope.environment.add(name);
    }
  }

  function readUser(stage: MutableStage, instruction: Instruction, source: SourcePointer): void {
    const user = instruction.getArgumentsContent()?.trim() ?? '';
    if (user === '') {
      issue(instruction.getInstructionRange().start, 'USER without a user; the line was ignored.');
      return;
    }
    stage.users.push({ user, resolved: substitute(user, stage.scope.values), source });
  }

  function readHealthcheck(stage: MutableStage, instruction: Healthcheck, source: SourcePointer): void {
    const subcommand = instruction.getSubcommand()?.getValue().toUpperCase();
    if (subcommand !== 'CMD' && subcommand !== 'NONE') {
      issue(instruction.getInstructionRange().start, 'HEALTHCHECK needs CMD or NONE; the line was ignored.');
      return;
    }
    const options: Record<string, string> = {};
    for (const flag of instruction.getFlags()) options[flag.getName()] = flag.getValue() ?? '';
    stage.healthchecks.push({ mode: subcommand === 'CMD' ? 'check' : 'none', options, source });
  }

  function readExpose(stage: MutableStage, instruction: Instruction, at: readonly PathSegment[]): void {
    instruction.getArguments().forEach((argument, index) => {
      const written = argument.getValue();
      const portAt = [...at, 'ports', index];
      remember(portAt, argument.getRange().start);
      const match = /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i.exec(written);
      if (match === null && !written.includes('$')) {
        issue(argument.getRange().start, `EXPOSE "${written}" is not a port; it was ignored.`);
        return;
      }
      stage.exposedPorts.push({
        port: match === null ? undefined : Number(match[1]),
        protocol: (match?.[2]?.toLowerCase() ?? 'tcp') as DockerExposedPort['protocol'],
        written,
        source: pointer(portAt),
      });
    });
  }

  function readRun(stage: MutableStage, instruction: Run, at: readonly PathSegment[]): void {
    const mounts = instruction
      .getFlags()
      .filter((flag) => flag.getName() === 'mount')
      .map((flag) => mountOptions(flag.getValue() ?? ''));
    const cacheMounts = mounts
      .filter((mount) => mount.type === 'cache')
      .map((mount) => mount.target ?? mount.dst ?? mount.destination ?? '');
    const context = { cacheMounts, environment: stage.scope.environment };
    const installs: DockerPackageInstall[] = [];
    const remoteScripts: DockerRemoteScript[] = [];
    const keywordStart = offsetOf(instruction.getInstructionRange().start);
    for (const script of scriptsOf(instruction)) {
      const facts = analyseScript(script.text, context);
      for (const install of facts.installs) {
        const installAt = [...at, 'commands', installs.length + remoteScripts.length];
        remember(installAt, positionAt(script.exact ? script.offset + install.offset : keywordStart));
        installs.push({
          manager: install.manager,
          skipsRecommends: install.skipsRecommends,
          keepsCache: install.keepsCache,
          source: pointer(installAt),
        });
      }
      for (const download of facts.remoteScripts) {
        const downloadAt = [...at, 'commands', installs.length + remoteScripts.length];
        remember(downloadAt, positionAt(script.exact ? script.offset + download.offset : keywordStart));
        remoteScripts.push({ tool: download.tool, interpreter: download.interpreter, source: pointer(downloadAt) });
      }
    }
    stage.runs.push({
      installs,
      remoteScripts,
      secretMount: mounts.some((mount) => mount.type === 'secret'),
      source: pointer(at),
    });
  }

  /**
   * The shell scripts a RUN runs, each with its offset in the file: the shell form with its
   * line continuations and comment lines blanked out (so offsets stay those of the file), the
   * bodies of heredocs fed to a shell, or the exec form's `sh -c` script. `exact` is false when
   * offsets in the script are not offsets in the file (an exec form's JSON string).
   */
  function scriptsOf(instruction: Run): { text: string; offset: number; exact: boolean }[] {
    const argumentsRange = instruction.getArgumentsRange();
    if (argumentsRange === null) return [];
    const strings = execForm(instruction);
    if (strings !== undefined) {
      const [program, flag, script] = strings;
      if (program !== undefined && SHELLS.test(program) && flag === '-c' && script !== undefined)
        return [{ text: script, offset: 0, exact: false }];
      return [{ text: strings.join(' '), offset: 0, exact: false }];
    }
    const start = offsetOf(argumentsRange.start);
    const end = offsetOf(instruction.getRange().end);
    const heredocs = instruction.getHeredocs();
    if (heredocs.length > 0) {
      const firstLine = text.slice(start, text.indexOf('\n', start) === -1 ? end : text.indexOf('\n', start));
      const program =
        firstLine
          .replace(/<<-?\s*["']?\w+["']?/g, ' ')
          .trim()
          .split(/\s+/)[0] ?? '';
      if (program !== '' && !SHELLS.test(program)) return [];
      return heredocs.flatMap((heredoc) => {
        const range = heredoc.getContentRange();
        if (range === null) return [];
        const offset = offsetOf(range.start);
        return [{ text: text.slice(offset, offsetOf(range.end)), offset, exact: true }];
      });
    }
    return [{ text: blankContinuations(text.slice(start, end), escapeCharacter), offset: start, exact: true }];
  }

  /**
   * The strings of an exec-form (JSON array) instruction, read with JSON.parse: dockerfile-ast's
   * own JSON values drop the spaces inside strings. Undefined for the shell form.
   */
  function execForm(instruction: Run | Add | Copy): string[] | undefined {
    const opening = instruction.getOpeningBracket();
    const closing = instruction.getClosingBracket();
    if (opening === null || closing === null) return undefined;
    try {
      const parsed: unknown = JSON.parse(
        text.slice(offsetOf(opening.getRange().start), offsetOf(closing.getRange().end)),
      );
      return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  function readAddition(
    stage: MutableStage,
    instruction: Add | Copy,
    keyword: 'ADD' | 'COPY',
    at: readonly PathSegment[],
  ): void {
    const flags = instruction.getFlags();
    const strings = execForm(instruction);
    const values =
      strings !== undefined
        ? instruction
            .getJSONStrings()
            .map((string, index) => ({ value: strings[index] ?? '', start: string.getRange().start }))
        : instruction
            .getArguments()
            .map((argument) => ({ value: argument.getValue(), start: argument.getRange().start }));
    const heredoc = values.some((value) => value.value.startsWith('<<'));
    const sources = heredoc ? [] : values.slice(0, -1);
    stage.additions.push({
      instruction: keyword,
      sources: sources.map((item, index) => {
        const sourceAt = [...at, 'sources', index];
        remember(sourceAt, item.start);
        return { remote: keyword === 'ADD' && isRemote(item.value), source: pointer(sourceAt) };
      }),
      checksum: flags.some((flag) => flag.getName() === 'checksum' && (flag.getValue() ?? '') !== ''),
      from: flags.find((flag) => flag.getName() === 'from')?.getValue() ?? undefined,
      source: pointer(at),
    });
  }

  function remember(segments: readonly PathSegment[], position: { line: number; character: number } | Position): void {
    const located = 'character' in position ? { line: position.line + 1, column: position.character + 1 } : position;
    const at = key(segments);
    if (!positions.has(at)) positions.set(at, located);
  }

  function pointer(segments: readonly PathSegment[]): SourcePointer {
    return { file: path, locator: locator, path: segments };
  }

  function issue(position: { line: number; character: number }, message: string): void {
    issues.push({ file: path, line: position.line + 1, column: position.character + 1, message });
  }

  function offsetOf(position: { line: number; character: number }): number {
    return (lineStarts[position.line] ?? text.length) + position.character;
  }

  /** The 1-based position of an offset in the file. */
  function positionAt(offset: number): Position {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  }
}

function key(segments: readonly PathSegment[]): string {
  return JSON.stringify(segments);
}

/**
 * Fills in `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` from the values in
 * scope; undefined when a variable has no value.
 */
function substitute(text: string, values: ReadonlyMap<string, string | undefined>): string | undefined {
  let unresolved = false;
  const result = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      _match,
      braced: string | undefined,
      operator: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const value = values.get(braced ?? bare ?? '');
      const set = value !== undefined && value !== '';
      if (operator === '-') return set ? value : (word ?? '');
      if (operator === '+') return set ? (word ?? '') : '';
      if (value === undefined) unresolved = true;
      return value ?? '';
    },
  );
  return unresolved ? undefined : result;
}

/** `type=cache,target=/var/cache/apt,sharing=locked` → its options. */
function mountOptions(value: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const part of value.split(',')) {
    const equals = part.indexOf('=');
    if (equals === -1) options[part.trim()] = 'true';
    else options[part.slice(0, equals).trim()] = part.slice(equals + 1).trim();
  }
  return options;
}

/**
 * Replaces line continuations and the comment lines inside a continued instruction with
 * spaces, keeping every other character at its offset.
 */
function blankContinuations(text: string, escapeCharacter: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, index) => {
      if (index > 0 && line.trimStart().startsWith('#')) return ' '.repeat(line.length);
      const trimmed = line.replace(/\r$/, '');
      if (index < lines.length - 1 && trimmed.trimEnd().endsWith(escapeCharacter)) {
        const at = trimmed.lastIndexOf(escapeCharacter);
        return `${line.slice(0, at)}${' '.repeat(line.length - at)}`;
      }
      return line;
    })
    .join(' ');
}

function isRemote(value: string): boolean {
  return /^(https?|git):\/\//i.test(value) || /^git@/.test(value) || /\.git(#.*)?$/.test(value);
}
