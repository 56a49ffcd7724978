import { parentPort } from 'node:worker_threads';
import { type FileParse, parseFile, transferable } from '../parse/file-parse.js';
import type { HclParser } from '../parse/terraform.js';
import { loadParsers } from './parsers.js';

/** A batch of files to parse, sent by the pool. */
export interface ParseRequest {
  readonly id: number;
  readonly files: readonly { readonly path: string; readonly kind: string; readonly text: string }[];
}

/** The batch parsed: undefined where a file is not parsed file by file, or its parse failed (the main thread retries it). */
export interface ParseResponse {
  readonly id: number;
  readonly results: readonly (FileParse | undefined)[];
}

let hcl: Promise<HclParser | undefined> | undefined;

parentPort?.on('message', async (request: ParseRequest) => {
  const needsHcl = request.files.some((file) => file.kind === 'terraform' || file.kind === 'terraform-variables');
  if (needsHcl && hcl === undefined) hcl = loadParsers().then((loaded) => loaded.hcl);
  const parser = needsHcl ? await hcl : undefined;
  const results = request.files.map((file) => {
    try {
      const parsed = parseFile(file as Parameters<typeof parseFile>[0], parser);
      return parsed === undefined ? undefined : transferable(parsed);
    } catch {
      return undefined;
    }
  });
  parentPort?.postMessage({ id: request.id, results } satisfies ParseResponse);
});
