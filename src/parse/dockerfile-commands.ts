/**
 * What a RUN instruction's shell script does that the rules care about: package installs that
 * leave caches or recommended packages in the layer, and scripts downloaded and piped into an
 * interpreter. A small tokenizer (quotes, escapes, `$( )`, operators), not a shell: enough to
 * find commands and their words, with the offset of each word in the script.
 */

export const PACKAGE_MANAGERS = ['apt', 'apk', 'pip', 'yum'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export interface PackageInstallFact {
  readonly manager: PackageManager;
  /** Offset of the package manager's word in the script. */
  readonly offset: number;
  /** apt only: `--no-install-recommends` (or `APT::Install-Recommends=false`) is given. */
  readonly skipsRecommends: boolean;
  /** The package index or download cache stays in the layer: no flag, cleanup or cache mount removes it. */
  readonly keepsCache: boolean;
}

export interface RemoteScriptFact {
  readonly tool: 'curl' | 'wget';
  readonly interpreter: string;
  /** Offset of the download command in the script. */
  readonly offset: number;
}

export interface ScriptFacts {
  readonly installs: readonly PackageInstallFact[];
  readonly remoteScripts: readonly RemoteScriptFact[];
}

export interface ScriptContext {
  /** Targets of `RUN --mount=type=cache` mounts. */
  readonly cacheMounts: readonly string[];
  /** Environment variables set by ENV before the RUN (in its stage or the stages it builds on). */
  readonly environment: ReadonlySet<string>;
}

interface Word {
  /** The word with quotes and escapes removed. */
  readonly text: string;
  readonly offset: number;
  /** The word as written, quotes included: substitutions are looked for in it. */
  readonly raw: string;
}

type Command = readonly Word[];

const INTERPRETERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ash',
  'ksh',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
]);
const DOWNLOADERS = new Set(['curl', 'wget']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh']);
const WRAPPERS = new Set(['sudo', 'env', 'command', 'exec', 'nohup', 'time', 'doas']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Shell words that open a compound command: the command proper follows them. */
const COMPOUND_WORDS = new Set(['{', '}', '!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);

/** The facts of one shell script (a RUN's shell form, or a heredoc body). */
export function analyseScript(script: string, context: ScriptContext): ScriptFacts {
  const pipelines = tokenize(script);
  const commands = pipelines.flat();
  const installs: PackageInstallFact[] = [];
  const remoteScripts: RemoteScriptFact[] = [];
  const removes = (pattern: RegExp) =>
    commands.some((command) => {
      const [program, ...rest] = programOf(command);
      return program?.text === 'rm' && rest.some((word) => pattern.test(word.text));
    });
  const mounted = (pattern: RegExp) => context.cacheMounts.some((target) => pattern.test(target));
  const cleans = (managers: readonly string[]) =>
    commands.some((command) => {
      const words = programOf(command).map((word) => word.text);
      return managers.includes(baseName(words[0] ?? '')) && words[1] === 'clean' && words.includes('all');
    });

  for (const command of commands) {
    const words = programOf(command);
    const program = words[0];
    if (program === undefined) continue;
    const name = baseName(program.text);
    const texts = words.map((word) => word.text);
    const assigned = new Set(
      command
        .slice(0, command.indexOf(program))
        .map((word) => word.text.split('=')[0] ?? '')
        .filter((key) => key !== ''),
    );
    if ((name === 'apt-get' || name === 'apt' || name === 'aptitude') && subcommand(texts) === 'install') {
      installs.push({
        manager: 'apt',
        offset: program.offset,
        skipsRecommends: texts.some(
          (text) => text === '--no-install-recommends' || /APT::Install-Recommends=("?)(false|0)\1$/i.test(text),
        ),
        keepsCache: !removes(/^\/var\/lib\/apt\/lists(\/|$)/) && !mounted(/^\/var\/lib\/apt(\/|$)/),
      });
    } else if (name === 'apk' && subcommand(texts) === 'add') {
      installs.push({
        manager: 'apk',
        offset: program.offset,
        skipsRecommends: true,
        keepsCache:
          !texts.includes('--no-cache') &&
          !removes(/^\/var\/cache\/apk(\/|$)/) &&
          !mounted(/^\/(var\/cache\/apk|etc\/apk\/cache)(\/|$)/),
      });
    } else if (isPipInstall(texts)) {
      installs.push({
        manager: 'pip',
        offset: program.offset,
        skipsRecommends: true,
        keepsCache:
          !texts.includes('--no-cache-dir') &&
          !context.environment.has('PIP_NO_CACHE_DIR') &&
          !assigned.has('PIP_NO_CACHE_DIR') &&
          !removes(/\.cache\/pip(\/|$)/) &&
          !mounted(/\.cache\/pip(\/|$)/),
      });
    } else if ((name === 'yum' || name === 'dnf' || name === 'microdnf') && subcommand(texts) === 'install') {
      installs.push({
        manager: 'yum',
        offset: program.offset,
        skipsRecommends: true,
        keepsCache:
          !cleans(['yum', 'dnf', 'microdnf']) &&
          !removes(/^\/var\/cache\/(yum|dnf)(\/|$)/) &&
          !mounted(/^\/var\/cache\/(yum|dnf)(\/|$)/),
      });
    }
  }

  for (const pipeline of pipelines) {
    pipeline.forEach((command, index) => {
      const program = programOf(command)[0];
      if (program === undefined) return;
      const name = baseName(program.text);
      if (DOWNLOADERS.has(name)) {
        const consumer = pipeline
          .slice(index + 1)
          .find((later) => INTERPRETERS.has(baseName(programOf(later)[0]?.text ?? '')));
        const interpreter = consumer === undefined ? undefined : programOf(consumer)[0];
        if (interpreter !== undefined) {
          remoteScripts.push({
            tool: name as 'curl' | 'wget',
            interpreter: baseName(interpreter.text),
            offset: program.offset,
          });
        }
      } else if (INTERPRETERS.has(name)) {
        const words = command.slice(command.indexOf(program) + 1);
        // sh -c 'curl … | sh': the script given to the shell is analysed as a script.
        const flag = words.findIndex((word) => word.text === '-c');
        const inner = flag === -1 || !SHELLS.has(name) ? undefined : words[flag + 1];
        if (inner !== undefined) {
          const quoted = inner.raw.startsWith("'") || inner.raw.startsWith('"') ? 1 : 0;
          const facts = analyseScript(inner.text, context);
          for (const install of facts.installs)
            installs.push({ ...install, offset: inner.offset + quoted + install.offset });
          for (const script of facts.remoteScripts)
            remoteScripts.push({ ...script, offset: inner.offset + quoted + script.offset });
        }
        // sh -c "$(curl …)", bash <(curl …)
        for (const word of words) {
          const match = /(?:\$\(|<\(|`)\s*(curl|wget)\b/.exec(word.raw);
          if (match === null) continue;
          remoteScripts.push({
            tool: match[1] as 'curl' | 'wget',
            interpreter: name,
            offset: word.offset + match.index + match[0].length - (match[1] ?? '').length,
          });
        }
      }
    });
  }
  return { installs, remoteScripts: remoteScripts.sort((a, b) => a.offset - b.offset) };
}

function baseName(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash === -1 ? program : program.slice(slash + 1);
}

/** The words from the program on: leading assignments and wrappers (`sudo -E`, `env A=b`) skipped. */
function programOf(command: Command): Command {
  let index = 0;
  while (index < command.length) {
    const text = command[index]?.text ?? '';
    if (ASSIGNMENT.test(text) || COMPOUND_WORDS.has(text)) {
      index += 1;
      continue;
    }
    if (WRAPPERS.has(baseName(text))) {
      index += 1;
      while (index < command.length) {
        const option = command[index]?.text ?? '';
        if (option === '-u' || option === '-g') index += 2;
        else if (option.startsWith('-') || ASSIGNMENT.test(option)) index += 1;
        else break;
      }
      continue;
    }
    break;
  }
  return command.slice(index);
}

/** Options of apt, yum and pip that take the next word as their value. */
const OPTIONS_WITH_VALUE = new Set([
  '-o',
  '-t',
  '-c',
  '--option',
  '--config-file',
  '--target-release',
  '--default-release',
]);

/** The first word after the program that is not an option or an option's value. */
function subcommand(words: readonly string[]): string | undefined {
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (OPTIONS_WITH_VALUE.has(word)) index += 1;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

function isPipInstall(words: readonly string[]): boolean {
  const program = baseName(words[0] ?? '');
  if (/^pip(\d+(\.\d+)?)?$/.test(program)) return subcommand(words) === 'install';
  if (/^python(\d+(\.\d+)?)?$/.test(program)) {
    const module = words.indexOf('-m');
    return module !== -1 && words[module + 1] === 'pip' && subcommand(words.slice(module + 1)) === 'install';
  }
  return false;
}

/** Splits a script into pipelines of commands of words, with the offset of each word. */
function tokenize(script: string): readonly (readonly Command[])[] {
  const pipelines: Word[][][] = [];
  let pipeline: Word[][] = [];
  let command: Word[] = [];
  let text = '';
  let start = -1;
  const endWord = (end: number) => {
    if (start !== -1) command.push({ text, offset: start, raw: script.slice(start, end) });
    text = '';
    start = -1;
  };
  const endCommand = () => {
    if (command.length > 0) pipeline.push(command);
    command = [];
  };
  const endPipeline = () => {
    endCommand();
    if (pipeline.length > 0) pipelines.push(pipeline);
    pipeline = [];
  };
  const begin = (index: number) => {
    if (start === -1) start = index;
  };

  let index = 0;
  while (index < script.length) {
    const char = script[index] ?? '';
    const next = script[index + 1] ?? '';
    if (char === "'") {
      begin(index);
      const close = script.indexOf("'", index + 1);
      const end = close === -1 ? script.length : close;
      text += script.slice(index + 1, end);
      index = end + 1;
    } else if (char === '"') {
      begin(index);
      index += 1;
      while (index < script.length && script[index] !== '"') {
        if (script[index] === '\\' && index + 1 < script.length) {
          text += script[index + 1];
          index += 2;
        } else if (script[index] === '$' && script[index + 1] === '(') {
          const end = closingParen(script, index + 1);
          text += script.slice(index, end + 1);
          index = end + 1;
        } else {
          text += script[index];
          index += 1;
        }
      }
      index += 1;
    } else if (char === '\\') {
      begin(index);
      if (next !== '\n') text += next;
      index += 2;
    } else if (char === '$' && next === '{') {
      begin(index);
      const close = script.indexOf('}', index);
      const end = close === -1 ? script.length - 1 : close;
      text += script.slice(index, end + 1);
      index = end + 1;
    } else if ((char === '$' || char === '<') && next === '(') {
      begin(index);
      const end = closingParen(script, index + 1);
      text += script.slice(index, end + 1);
      index = end + 1;
    } else if (char === '`') {
      begin(index);
      const close = script.indexOf('`', index + 1);
      const end = close === -1 ? script.length : close;
      text += script.slice(index, end + 1);
      index = end + 1;
    } else if (char === '#' && start === -1) {
      const newline = script.indexOf('\n', index);
      index = newline === -1 ? script.length : newline;
    } else if (char === '|' && next !== '|') {
      endWord(index);
      endCommand();
      index += 1;
    } else if ((char === '&' && next === '&') || (char === '|' && next === '|')) {
      endWord(index);
      endPipeline();
      index += 2;
    } else if (char === ';' || char === '&' || char === '\n' || char === '(' || char === ')') {
      endWord(index);
      endPipeline();
      index += 1;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      endWord(index);
      index += 1;
    } else {
      begin(index);
      text += char;
      index += 1;
    }
  }
  endWord(script.length);
  endPipeline();
  return pipelines;
}

/** The index of the `)` that closes the `(` at `open`, or the end of the script. */
function closingParen(script: string, open: number): number {
  let depth = 0;
  for (let index = open; index < script.length; index += 1) {
    const char = script[index];
    if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return script.length - 1;
}
