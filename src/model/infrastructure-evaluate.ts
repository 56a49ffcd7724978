import { pointerTo, type RepoPath, type SourcePointer } from '../core/source.js';
import type { HclSyntax } from '../parse/hcl-syntax.js';
import type { HclAttribute, HclBlock, TerraformFile } from '../parse/terraform.js';

/**
 * Evaluation of Terraform configurations, as far as files alone allow: variables (defaults,
 * `terraform.tfvars`, `*.auto.tfvars`, and chosen variable files), locals, `var.`/`local.`
 * references, interpolation, conditionals and a few functions; local modules are followed with
 * their arguments. Whatever depends on the cloud (resource attributes, data sources, remote
 * modules) stays unknown, with the expression that could not be evaluated.
 */

const UNKNOWN = Symbol('unknown');

/** A value that cannot be known from the files. */
export interface Unknown {
  readonly [UNKNOWN]: true;
  /** The expression as written. */
  readonly expression: string;
  /** Why it cannot be known. */
  readonly reason: string;
  /** For a reference to another resource: its type and name (`aws_eks_cluster`, `main`). */
  readonly resource?: readonly [string, string];
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && UNKNOWN in value;
}

function unknown(expression: string, reason: string, resource?: readonly [string, string]): Unknown {
  return resource === undefined
    ? { [UNKNOWN]: true, expression, reason }
    : { [UNKNOWN]: true, expression, reason, resource };
}

/** Where a value is written: the attribute itself, or the variable default, variable file or module argument it came from. */
export interface ValueOrigin {
  readonly source: SourcePointer;
  readonly via: 'attribute' | 'variable-default' | 'variables-file' | 'module-argument' | 'local';
  /** The variable that carried the value, for defaults and variable files. */
  readonly variable?: string;
}

export interface Evaluated {
  readonly value: unknown;
  /** Set when the value is exactly one written literal (through references), not computed. */
  readonly origin: ValueOrigin | undefined;
}

/** A `resource` block of one module instance. */
export interface ResourceBlock {
  readonly type: string;
  readonly name: string;
  readonly block: HclBlock;
  readonly file: TerraformFile;
  readonly module: ModuleInstance;
  /** The block in its file: `['resource', type, name]`. */
  readonly source: SourcePointer;
}

/** A module as instantiated: the root of a configuration or a local module called from it. */
export interface ModuleInstance {
  /** Directory of the module's files. */
  readonly directory: string;
  /** Directory of the root configuration it belongs to. */
  readonly root: string;
  /** `['module.db']` for a module called `db` from the root; empty for a root. */
  readonly address: readonly string[];
  readonly resources: readonly ResourceBlock[];
  variable(name: string): Evaluated;
  local(name: string): Evaluated;
}

export type ModuleCallStatus = 'followed' | 'remote' | 'not-found' | 'cycle' | 'too-deep';

/** A `module` block and what became of it. */
export interface ModuleCall {
  readonly name: string;
  /** The `source` as written; '' when it is not a literal. */
  readonly sourceAddress: string;
  readonly status: ModuleCallStatus;
  readonly caller: string;
  readonly source: SourcePointer;
}

/** A variable file that Terraform does not load on its own (`env/prod.tfvars`): an environment. */
export interface VariableFile {
  readonly path: RepoPath;
  /** The root configuration it belongs to. */
  readonly root: string;
  readonly values: readonly { readonly name: string; readonly value: unknown; readonly source: SourcePointer }[];
}

export interface TerraformConfiguration {
  readonly modules: readonly ModuleInstance[];
  readonly resources: readonly ResourceBlock[];
  readonly moduleCalls: readonly ModuleCall[];
  readonly variableFiles: readonly VariableFile[];
}

export interface EvaluationOptions {
  /** Variable files to apply after the automatic ones, as `terraform -var-file` would. */
  readonly variableFiles?: readonly RepoPath[];
}

/** Module calls nested deeper than this are not followed. */
const MAX_MODULE_DEPTH = 8;

/** References whose root is one of these are not resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'count', 'each', 'path', 'terraform', 'module', 'data', 'self']);

interface Scope {
  readonly module: ModuleInstance;
  readonly bindings?: ReadonlyMap<string, unknown>;
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function joinPath(directory: string, relative: string): string | undefined {
  const parts = directory === '' ? [] : directory.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function isInside(directory: string, ancestor: string): boolean {
  return ancestor === '' || directory === ancestor || directory.startsWith(`${ancestor}/`);
}

function isAutomaticVariableFile(path: string): boolean {
  const name = baseName(path);
  return name === 'terraform.tfvars' || name.endsWith('.auto.tfvars');
}

function filePointer(file: TerraformFile, ...path: (string | number)[]): SourcePointer {
  return { file: file.path, locator: file.locator, path };
}

interface Declaration {
  readonly attribute: HclAttribute;
  readonly file: TerraformFile;
}

/**
 * Groups the files into modules by directory, finds the roots (directories no other module
 * calls), and instantiates each root with its automatic variable files and the chosen ones.
 */
export function loadConfiguration(
  files: readonly TerraformFile[],
  options: EvaluationOptions = {},
): TerraformConfiguration {
  const byDirectory = new Map<string, TerraformFile[]>();
  const variableFilesByDirectory = new Map<string, TerraformFile[]>();
  for (const file of files) {
    const target = file.kind === 'terraform' ? byDirectory : variableFilesByDirectory;
    const directory = directoryOf(file.path);
    target.set(directory, [...(target.get(directory) ?? []), file]);
  }
  const called = new Set<string>();
  for (const [directory, moduleFiles] of byDirectory) {
    for (const file of moduleFiles) {
      for (const block of file.body.blocks) {
        if (block.type !== 'module') continue;
        const source = block.body.attributes.get('source')?.value;
        if (typeof source !== 'string' || !isLocalSource(source)) continue;
        const target = joinPath(directory, source);
        if (target !== undefined && target !== directory) called.add(target);
      }
    }
  }
  const directories = [...byDirectory.keys()].sort();
  let roots = directories.filter((directory) => !called.has(directory));
  if (roots.length === 0) roots = directories;

  const modules: ModuleInstance[] = [];
  const moduleCalls: ModuleCall[] = [];
  const variableFiles: VariableFile[] = [];
  const chosen = new Set(options.variableFiles ?? []);

  const rootOf = (directory: string): string | undefined => {
    const ancestors = roots.filter((root) => isInside(directory, root)).sort((a, b) => b.length - a.length);
    return ancestors[0] ?? (roots.length === 1 ? roots[0] : undefined);
  };
  const variableFilesOf = new Map<string, TerraformFile[]>();
  for (const [directory, filesHere] of variableFilesByDirectory) {
    for (const file of filesHere) {
      const root = isAutomaticVariableFile(file.path) && byDirectory.has(directory) ? directory : rootOf(directory);
      if (root === undefined) continue;
      variableFilesOf.set(root, [...(variableFilesOf.get(root) ?? []), file]);
      if (!isAutomaticVariableFile(file.path) || root !== directory) {
        variableFiles.push({
          path: file.path,
          root,
          values: [...file.body.attributes.values()].map((attribute) => ({
            name: attribute.name,
            value: literalOf(attribute.syntax),
            source: filePointer(file, attribute.name),
          })),
        });
      }
    }
  }

  for (const root of roots) {
    const candidates = (variableFilesOf.get(root) ?? []).sort((a, b) => (a.path < b.path ? -1 : 1));
    const automatic = candidates
      .filter((file) => directoryOf(file.path) === root && isAutomaticVariableFile(file.path))
      .sort((a, b) => automaticOrder(a.path) - automaticOrder(b.path) || (a.path < b.path ? -1 : 1));
    const selected = candidates.filter((file) => chosen.has(file.path) && !automatic.includes(file));
    const assignments = new Map<string, Declaration>();
    for (const file of [...automatic, ...selected]) {
      for (const attribute of file.body.attributes.values()) assignments.set(attribute.name, { attribute, file });
    }
    instantiate({
      directory: root,
      root,
      address: [],
      files: byDirectory.get(root) ?? [],
      inputs: (name) => {
        const assigned = assignments.get(name);
        if (assigned === undefined) return undefined;
        const evaluated = evaluateLiteral(assigned.attribute.syntax);
        return {
          value: evaluated,
          origin: { source: filePointer(assigned.file, name), via: 'variables-file', variable: name },
        };
      },
      stack: [root],
    });
  }

  interface InstantiateRequest {
    readonly directory: string;
    readonly root: string;
    readonly address: readonly string[];
    readonly files: readonly TerraformFile[];
    readonly inputs: (name: string) => Evaluated | undefined;
    readonly stack: readonly string[];
  }

  function instantiate(request: InstantiateRequest): ModuleInstance {
    const variables = new Map<string, Declaration>();
    const locals = new Map<string, Declaration>();
    const resourceBlocks: { block: HclBlock; file: TerraformFile }[] = [];
    const moduleBlocks: { block: HclBlock; file: TerraformFile }[] = [];
    for (const file of request.files) {
      for (const block of file.body.blocks) {
        if (block.type === 'variable' && block.labels[0] !== undefined) {
          const fallback = block.body.attributes.get('default');
          if (!variables.has(block.labels[0]) && fallback !== undefined) {
            variables.set(block.labels[0], { attribute: fallback, file });
          }
        } else if (block.type === 'locals') {
          for (const attribute of block.body.attributes.values()) {
            if (!locals.has(attribute.name)) locals.set(attribute.name, { attribute, file });
          }
        } else if (block.type === 'resource' && block.labels.length === 2) {
          resourceBlocks.push({ block, file });
        } else if (block.type === 'module' && block.labels[0] !== undefined) {
          moduleBlocks.push({ block, file });
        }
      }
    }
    const variableCache = new Map<string, Evaluated>();
    const localCache = new Map<string, Evaluated>();
    const inProgress = new Set<string>();
    const resources: ResourceBlock[] = [];
    const instance: ModuleInstance = {
      directory: request.directory,
      root: request.root,
      address: request.address,
      resources,
      variable(name) {
        const cached = variableCache.get(name);
        if (cached !== undefined) return cached;
        const key = `var.${name}`;
        if (inProgress.has(key)) return { value: unknown(key, 'refers to itself'), origin: undefined };
        inProgress.add(key);
        let result = request.inputs(name);
        if (result === undefined) {
          const declared = variables.get(name);
          if (declared === undefined) {
            result = { value: unknown(key, `variable "${name}" has no value in the files`), origin: undefined };
          } else {
            const evaluated = evaluateExpression(declared.attribute.syntax, { module: instance });
            result = {
              value: evaluated.value,
              origin: evaluated.origin ?? {
                source: filePointer(declared.file, 'variable', name, 'default'),
                via: 'variable-default',
                variable: name,
              },
            };
          }
        }
        inProgress.delete(key);
        variableCache.set(name, result);
        return result;
      },
      local(name) {
        const cached = localCache.get(name);
        if (cached !== undefined) return cached;
        const key = `local.${name}`;
        if (inProgress.has(key)) return { value: unknown(key, 'refers to itself'), origin: undefined };
        const declared = locals.get(name);
        if (declared === undefined) {
          return { value: unknown(key, `local "${name}" is not declared`), origin: undefined };
        }
        inProgress.add(key);
        const evaluated = evaluateExpression(declared.attribute.syntax, { module: instance });
        inProgress.delete(key);
        const result = {
          value: evaluated.value,
          origin: evaluated.origin ?? { source: filePointer(declared.file, 'locals', name), via: 'local' as const },
        };
        localCache.set(name, result);
        return result;
      },
    };
    modules.push(instance);
    for (const { block, file } of resourceBlocks) {
      const [type = '', name = ''] = block.labels;
      const count = block.body.attributes.get('count');
      if (count !== undefined && evaluateExpression(count.syntax, { module: instance }).value === 0) continue;
      resources.push({ type, name, block, file, module: instance, source: filePointer(file, 'resource', type, name) });
    }
    for (const { block, file } of moduleBlocks) {
      const name = block.labels[0] ?? '';
      const sourceValue = block.body.attributes.get('source')?.value;
      const sourceAddress = typeof sourceValue === 'string' ? sourceValue : '';
      const at = filePointer(file, 'module', name);
      const record = (status: ModuleCallStatus) =>
        moduleCalls.push({ name, sourceAddress, status, caller: request.directory, source: at });
      const count = block.body.attributes.get('count');
      if (count !== undefined && evaluateExpression(count.syntax, { module: instance }).value === 0) continue;
      if (!isLocalSource(sourceAddress)) {
        record('remote');
        continue;
      }
      const target = joinPath(request.directory, sourceAddress);
      const targetFiles = target === undefined ? undefined : byDirectory.get(target);
      if (target === undefined || targetFiles === undefined) record('not-found');
      else if (request.stack.includes(target)) record('cycle');
      else if (request.stack.length > MAX_MODULE_DEPTH) record('too-deep');
      else {
        record('followed');
        instantiate({
          directory: target,
          root: request.root,
          address: [...request.address, `module.${name}`],
          files: targetFiles,
          inputs: (input) => {
            const argument = block.body.attributes.get(input);
            if (argument === undefined || input === 'source' || input === 'version') return undefined;
            const evaluated = evaluateExpression(argument.syntax, { module: instance });
            return {
              value: evaluated.value,
              origin: evaluated.origin ?? { source: pointerTo(at, input), via: 'module-argument' },
            };
          },
          stack: [...request.stack, target],
        });
      }
    }
    return instance;
  }

  return {
    modules,
    resources: modules.flatMap((module) => module.resources),
    moduleCalls,
    variableFiles,
  };
}

function automaticOrder(path: string): number {
  return baseName(path) === 'terraform.tfvars' ? 0 : 1;
}

/** `./x`, `../x`: a module in the same repository. Registry, Git, HTTP and bucket sources are remote. */
function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** The value of a variable file's attribute: literals only (variable files cannot refer to anything). */
function evaluateLiteral(syntax: HclSyntax): unknown {
  return literalOf(syntax);
}

function literalOf(syntax: HclSyntax): unknown {
  switch (syntax.kind) {
    case 'literal':
      return syntax.value;
    case 'tuple':
      return syntax.items.map(literalOf);
    case 'object':
      return Object.fromEntries(
        syntax.entries.map((entry) => [entry.key ?? entry.keySyntax.text, literalOf(entry.value)]),
      );
    default:
      return unknown(syntax.text, 'is not a literal value');
  }
}

/** Evaluates an attribute of a resource or module in its module; `count.index` and the like are bound when given. */
export function evaluateAttribute(
  module: ModuleInstance,
  syntax: HclSyntax,
  bindings?: ReadonlyMap<string, unknown>,
): Evaluated {
  return evaluateExpression(syntax, bindings === undefined ? { module } : { module, bindings });
}

function evaluateExpression(syntax: HclSyntax, scope: Scope): Evaluated {
  switch (syntax.kind) {
    case 'literal':
      return { value: syntax.value, origin: undefined };
    case 'tuple':
      return { value: syntax.items.map((item) => evaluateExpression(item, scope).value), origin: undefined };
    case 'object': {
      const entries: [string, unknown][] = [];
      for (const entry of syntax.entries) {
        const key = entry.key ?? evaluateExpression(entry.keySyntax, scope).value;
        if (typeof key !== 'string') return computed(syntax, 'has a key that cannot be evaluated');
        entries.push([key, evaluateExpression(entry.value, scope).value]);
      }
      return { value: Object.fromEntries(entries), origin: undefined };
    }
    case 'template': {
      let text = '';
      for (const part of syntax.parts) {
        if (typeof part === 'string') {
          text += part;
          continue;
        }
        const value = evaluateExpression(part, scope).value;
        const rendered = renderScalar(value);
        if (rendered === undefined) return { value: unknownFrom(syntax, value), origin: undefined };
        text += rendered;
      }
      return { value: text, origin: undefined };
    }
    case 'variable': {
      const bound = scope.bindings?.get(syntax.name);
      if (bound !== undefined) return { value: bound, origin: undefined };
      return computed(syntax, `"${syntax.name}" is not known here`);
    }
    case 'traversal':
      return evaluateTraversal(syntax, scope);
    case 'conditional': {
      const condition = evaluateExpression(syntax.condition, scope).value;
      if (typeof condition === 'boolean') {
        return evaluateExpression(condition ? syntax.whenTrue : syntax.whenFalse, scope);
      }
      return { value: unknownFrom(syntax, condition), origin: undefined };
    }
    case 'unary': {
      const operand = evaluateExpression(syntax.operand, scope).value;
      if (syntax.operator === '!' && typeof operand === 'boolean') return { value: !operand, origin: undefined };
      if (syntax.operator === '-' && typeof operand === 'number') return { value: -operand, origin: undefined };
      return { value: unknownFrom(syntax, operand), origin: undefined };
    }
    case 'binary':
      return { value: evaluateBinary(syntax.operator, syntax, scope), origin: undefined };
    case 'call':
      return evaluateCall(syntax, scope);
    case 'other':
      return computed(syntax, 'is an expression prodready does not evaluate');
    default:
      return computed(syntax, 'is an expression prodready does not evaluate');
  }
}

function computed(syntax: HclSyntax, reason: string): Evaluated {
  return { value: unknown(syntax.text, reason), origin: undefined };
}

/** An unknown for `syntax`, keeping the reason of the unknown part it depends on. */
function unknownFrom(syntax: HclSyntax, part: unknown): Unknown {
  if (isUnknown(part)) return unknown(syntax.text, part.reason, part.resource);
  return unknown(syntax.text, 'cannot be evaluated from the files');
}

function renderScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function evaluateTraversal(syntax: Extract<HclSyntax, { kind: 'traversal' }>, scope: Scope): Evaluated {
  let steps = syntax.steps;
  let current: Evaluated;
  const base = syntax.base;
  const first = steps[0];
  if (base.kind === 'variable' && (base.name === 'var' || base.name === 'local') && first?.kind === 'attribute') {
    current = base.name === 'var' ? scope.module.variable(first.name) : scope.module.local(first.name);
    steps = steps.slice(1);
  } else if (
    base.kind === 'variable' &&
    (base.name === 'count' || base.name === 'each') &&
    first?.kind === 'attribute'
  ) {
    const bound = scope.bindings?.get(`${base.name}.${first.name}`);
    if (bound === undefined) return computed(syntax, `${base.name}.${first.name} differs between instances`);
    current = { value: bound, origin: undefined };
    steps = steps.slice(1);
  } else if (base.kind === 'variable' && !NOT_RESOURCES.has(base.name) && first?.kind === 'attribute') {
    return {
      value: unknown(syntax.text, 'is known only once the resource exists', [base.name, first.name]),
      origin: undefined,
    };
  } else if (base.kind === 'variable') {
    return computed(syntax, `${base.name} references are not evaluated`);
  } else {
    current = evaluateExpression(base, scope);
  }
  for (const step of steps) {
    if (isUnknown(current.value)) return { value: unknownFrom(syntax, current.value), origin: undefined };
    let key: unknown;
    if (step.kind === 'attribute') key = step.name;
    else if (step.kind === 'index') key = evaluateExpression(step.key, scope).value;
    else return computed(syntax, 'uses a splat expression');
    const container = current.value;
    let next: unknown;
    if (Array.isArray(container) && typeof key === 'number') next = container[key];
    else if (isPlainObject(container) && typeof key === 'string' && Object.hasOwn(container, key))
      next = container[key];
    else if (isUnknown(key)) return { value: unknownFrom(syntax, key), origin: undefined };
    else return computed(syntax, 'refers to an element that does not exist');
    current = {
      value: next,
      origin:
        current.origin === undefined || (typeof key !== 'string' && typeof key !== 'number')
          ? undefined
          : { ...current.origin, source: pointerTo(current.origin.source, key) },
    };
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

function evaluateBinary(operator: string, syntax: Extract<HclSyntax, { kind: 'binary' }>, scope: Scope): unknown {
  const left = evaluateExpression(syntax.left, scope).value;
  if (operator === '&&' && left === false) return false;
  if (operator === '||' && left === true) return true;
  const right = evaluateExpression(syntax.right, scope).value;
  if (isUnknown(left)) return unknownFrom(syntax, left);
  if (isUnknown(right)) return unknownFrom(syntax, right);
  switch (operator) {
    case '==':
      return sameValue(left, right);
    case '!=':
      return !sameValue(left, right);
    case '&&':
    case '||':
      return typeof left === 'boolean' && typeof right === 'boolean'
        ? operator === '&&'
          ? left && right
          : left || right
        : unknown(syntax.text, 'combines values that are not true or false');
    default: {
      const a = toNumber(left);
      const b = toNumber(right);
      if (a === undefined || b === undefined)
        return unknown(syntax.text, 'does arithmetic on values that are not numbers');
      switch (operator) {
        case '<':
          return a < b;
        case '>':
          return a > b;
        case '<=':
          return a <= b;
        case '>=':
          return a >= b;
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? unknown(syntax.text, 'divides by zero') : a / b;
        case '%':
          return b === 0 ? unknown(syntax.text, 'divides by zero') : a % b;
        default:
          return unknown(syntax.text, `uses the operator ${operator}`);
      }
    }
  }
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Terraform converts numeric strings to numbers where a number is expected. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** Terraform converts "true" and "false" to booleans where a boolean is expected. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function evaluateCall(syntax: Extract<HclSyntax, { kind: 'call' }>, scope: Scope): Evaluated {
  const name = syntax.name;
  if (name === 'try') {
    for (const argument of syntax.args) {
      const evaluated = evaluateExpression(argument, scope);
      if (!isUnknown(evaluated.value)) return evaluated;
    }
    return computed(syntax, 'has no argument that can be evaluated');
  }
  if (syntax.expandFinal) return computed(syntax, 'expands a list into arguments');
  const args = syntax.args.map((argument) => evaluateExpression(argument, scope));
  const values = args.map((argument) => argument.value);
  const unknownArgument = values.find(isUnknown);
  const result = (value: unknown): Evaluated => ({ value, origin: undefined });
  switch (name) {
    case 'lookup': {
      const [map, key, fallback] = values;
      if (isPlainObject(map) && typeof key === 'string') {
        if (Object.hasOwn(map, key)) return { value: map[key], origin: undefined };
        if (args.length >= 3) return args[2] ?? result(fallback);
      }
      break;
    }
    case 'coalesce': {
      for (const argument of args) {
        if (isUnknown(argument.value)) break;
        if (argument.value !== null && argument.value !== '') return argument;
      }
      break;
    }
    case 'merge':
      if (unknownArgument === undefined && values.every((value) => value === null || isPlainObject(value))) {
        return result(Object.assign({}, ...values.filter((value) => value !== null)));
      }
      break;
    case 'concat':
      if (unknownArgument === undefined && values.every(Array.isArray)) return result(values.flat());
      break;
    case 'length': {
      const [value] = values;
      if (Array.isArray(value) || typeof value === 'string') return result(value.length);
      if (isPlainObject(value)) return result(Object.keys(value).length);
      break;
    }
    case 'tostring': {
      const rendered = renderScalar(values[0]);
      if (rendered !== undefined) return { value: rendered, origin: args[0]?.origin };
      break;
    }
    case 'tonumber': {
      const number = toNumber(values[0]);
      if (number !== undefined) return { value: number, origin: args[0]?.origin };
      break;
    }
    case 'tobool': {
      const boolean = toBoolean(values[0]);
      if (boolean !== undefined) return { value: boolean, origin: args[0]?.origin };
      break;
    }
    case 'lower':
    case 'upper': {
      const [value] = values;
      if (typeof value === 'string') return result(name === 'lower' ? value.toLowerCase() : value.toUpperCase());
      break;
    }
    case 'element': {
      const [list, index] = values;
      const position = toNumber(index);
      if (Array.isArray(list) && list.length > 0 && position !== undefined) {
        return result(list[((position % list.length) + list.length) % list.length]);
      }
      break;
    }
    case 'tolist':
    case 'toset':
      if (Array.isArray(values[0])) return result(name === 'toset' ? [...new Set(values[0])] : values[0]);
      break;
    case 'distinct': {
      const [list] = values;
      if (Array.isArray(list) && list.every((item) => typeof item !== 'object' || item === null)) {
        return result([...new Set(list)]);
      }
      break;
    }
    case 'contains': {
      const [list, value] = values;
      if (Array.isArray(list) && unknownArgument === undefined)
        return result(list.some((item) => sameValue(item, value)));
      break;
    }
    default:
      return computed(syntax, `calls ${name}(), which prodready does not evaluate`);
  }
  if (unknownArgument !== undefined) return { value: unknownFrom(syntax, unknownArgument), origin: undefined };
  return computed(syntax, `calls ${name}() with values it cannot evaluate`);
}

/** The resources an expression refers to (`aws_eks_cluster.main.name` → `aws_eks_cluster`, `main`). */
export function referencedResources(syntax: HclSyntax): readonly (readonly [string, string])[] {
  const found: (readonly [string, string])[] = [];
  const visit = (node: HclSyntax): void => {
    switch (node.kind) {
      case 'traversal': {
        const first = node.steps[0];
        if (node.base.kind === 'variable' && !NOT_RESOURCES.has(node.base.name) && first?.kind === 'attribute') {
          found.push([node.base.name, first.name]);
        }
        visit(node.base);
        for (const step of node.steps) if (step.kind === 'index') visit(step.key);
        return;
      }
      case 'tuple':
        for (const item of node.items) visit(item);
        return;
      case 'object':
        for (const entry of node.entries) visit(entry.value);
        return;
      case 'template':
        for (const part of node.parts) if (typeof part !== 'string') visit(part);
        return;
      case 'call':
        for (const argument of node.args) visit(argument);
        return;
      case 'conditional':
        visit(node.condition);
        visit(node.whenTrue);
        visit(node.whenFalse);
        return;
      case 'unary':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      default:
        return;
    }
  };
  visit(syntax);
  return found;
}
