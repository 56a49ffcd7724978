import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { ParseOptions } from '../parse/parse-sources.js';

const TERRAFORM_GRAMMAR = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';

/**
 * Loads the parsers that need asynchronous start-up (WebAssembly grammars) once per run, so
 * that parsing itself stays synchronous and pure.
 */
export async function loadParsers(): Promise<ParseOptions> {
  await Parser.init();
  const grammar = createRequire(import.meta.url).resolve(TERRAFORM_GRAMMAR);
  const language = await Language.load(grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return { hcl: { kind: 'hcl', parser } };
}
