import type { Node, Parser } from 'web-tree-sitter';
import type { Locator, ParseIssue, Position, RepoPath } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { bodyLocator, type HclBlock, type HclBody, readBody } from './hcl-body.js';
import { positionOf } from './hcl-syntax.js';
import type { ParsedPart } from './parsed-part.js';

export type { HclAttribute, HclBlock, HclBody } from './hcl-body.js';
export type { HclExpression, HclSyntax, HclValue } from './hcl-syntax.js';
export { expressionSyntax, isExpression } from './hcl-syntax.js';

/**
 * The HCL grammar, loaded once by the CLI (WebAssembly start-up is asynchronous); parsing with
 * it is synchronous, so this layer stays pure.
 */
export interface HclParser {
  readonly kind: 'hcl';
  /** A web-tree-sitter parser with the Terraform grammar set. */
  readonly parser: Parser;
}

export type TerraformFileKind = 'terraform' | 'terraform-variables';

/** One `.tf` or `.tfvars` file: its top-level attributes and blocks, every one located. */
export interface TerraformFile {
  readonly path: RepoPath;
  readonly kind: TerraformFileKind;
  readonly body: HclBody;
  readonly locator: Locator;
}

/** Terraform files parsed into blocks with located attributes. */
export interface ParsedTerraform {
  readonly files: readonly TerraformFile[];
}

/**
 * Parses the `.tf` and `.tfvars` files (HCL syntax; the JSON variants are not read). A syntax
 * error becomes one ParseIssue at its line, and the blocks around it are still read.
 */
export function parseTerraform(
  files: readonly SourceFile[],
  hcl: HclParser | undefined,
  preparsed?: ReadonlyMap<RepoPath, { readonly format: string; readonly hcl?: HclFileResult }>,
): ParsedPart<ParsedTerraform> {
  if (hcl === undefined) return { parsed: { files: [] }, issues: [], examined: [] };
  const parsed: TerraformFile[] = [];
  const issues: ParseIssue[] = [];
  const examined: RepoPath[] = [];
  for (const file of files) {
    if (file.kind !== 'terraform' && file.kind !== 'terraform-variables') continue;
    if (file.path.toLowerCase().endsWith('.json')) continue;
    examined.push(file.path);
    const ahead = preparsed?.get(file.path);
    const result = ahead?.hcl ?? parseHclFile(hcl, file.text);
    if (result.error !== undefined) issues.push({ file: file.path, ...result.error });
    parsed.push({ path: file.path, kind: file.kind, body: result.body, locator: bodyLocator(result.body) });
  }
  return { parsed: { files: parsed }, issues, examined };
}

/** One HCL file read: its body, and the first syntax error if there is one. */
export interface HclFileResult {
  readonly body: HclBody;
  readonly error: (Position & { readonly message: string }) | undefined;
}

export function parseHclFile(hcl: HclParser, text: string): HclFileResult {
  const tree = hcl.parser.parse(text);
  if (tree === null) {
    return {
      body: readBody(undefined, text),
      error: { line: 1, column: 1, message: 'The HCL parser gave up on this file.' },
    };
  }
  try {
    const root = tree.rootNode;
    const body = root.namedChildren.find((child) => child.type === 'body');
    if (!root.hasError) return { body: readBody(body, text), error: undefined };
    const lifted: HclBlock[] = [];
    const read = readBody(body, text, lifted);
    return { body: { attributes: read.attributes, blocks: [...read.blocks, ...lifted] }, error: describeError(root) };
  } finally {
    tree.delete();
  }
}

/** The first ERROR or MISSING node in document order, as a message that never quotes the file. */
function describeError(root: Node): Position & { readonly message: string } {
  const found = firstError(root);
  const rest = 'the rest of the file was still read.';
  if (found === undefined) return { line: 1, column: 1, message: `HCL syntax error; ${rest}` };
  if (!found.isMissing) return { ...positionOf(found), message: `HCL syntax error: unexpected input; ${rest}` };
  const parent = found.parent;
  if (found.type === 'heredoc_identifier' && parent !== null) {
    const marker = parent.namedChildren.find((child) => child.type === 'heredoc_identifier')?.text ?? '';
    return { ...positionOf(parent), message: `HCL syntax error: the heredoc <<${marker} is never closed; ${rest}` };
  }
  const opened = parent?.parent;
  if (parent?.type === 'block_end' && opened !== null && opened !== undefined) {
    return {
      ...positionOf(opened),
      message: `HCL syntax error: the block "${opened.namedChildren[0]?.text ?? ''}" is never closed; ${rest}`,
    };
  }
  if ((parent?.type === 'object_end' || parent?.type === 'tuple_end') && opened !== null && opened !== undefined) {
    return { ...positionOf(opened), message: `HCL syntax error: this ${opened.type} is never closed; ${rest}` };
  }
  const before = previousToken(found);
  const at =
    before === undefined
      ? positionOf(found)
      : { line: before.endPosition.row + 1, column: before.endPosition.column + 1 };
  return { ...at, message: `HCL syntax error: incomplete expression or block; ${rest}` };
}

/**
 * The last token that ends before `node` (skipping zero-width ones). Walks the parent's
 * `children` rather than `previousSibling`, which cycles between adjacent zero-width (MISSING)
 * nodes in web-tree-sitter and would never end.
 */
function previousToken(node: Node): Node | undefined {
  let current: Node = node;
  for (let parent = current.parent; parent !== null; current = parent, parent = parent.parent) {
    const siblings = parent.children;
    const index = siblings.findIndex((child) => child.equals(current));
    const sibling = siblings.slice(0, Math.max(0, index)).findLast((child) => child.endIndex > child.startIndex);
    if (sibling !== undefined) {
      let last: Node = sibling;
      while (last.childCount > 0) {
        const child: Node | null = last.child(last.childCount - 1);
        if (child === null || child.endIndex === child.startIndex) break;
        last = child;
      }
      return last;
    }
  }
  return undefined;
}

/** Depth-first, without recursion: a deeply nested file must not exhaust the stack. */
function firstError(root: Node): Node | undefined {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.isError || node.isMissing) return node;
    if (!node.hasError) continue;
    const children = node.children;
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      if (child !== undefined) stack.push(child);
    }
  }
  return undefined;
}
