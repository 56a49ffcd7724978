import type { ParseOptions } from '../parse/parse-sources.js';

/**
 * Loads the parsers that need asynchronous start-up (WebAssembly grammars) once per run, so
 * that parsing itself stays synchronous and pure.
 */
export async function loadParsers(): Promise<ParseOptions> {
  return {};
}
