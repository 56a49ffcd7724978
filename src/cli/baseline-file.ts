import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { REPORT_SCHEMA } from '../engine/report-schema.js';
import { type Report, SCHEMA_VERSION } from '../engine/report-types.js';

export interface ReportFile {
  /** The file as the report names it: relative to the working directory, `/`-separated. */
  readonly file: string;
  readonly report: Report;
}

/**
 * Reads a JSON report written by `scan --format json` (a baseline, or a side of `diff`) and
 * validates it with the published schema. Anything else is a usage error naming the file.
 */
export async function readReportFile(file: string, cwd: string, role: 'baseline' | 'report'): Promise<ReportFile> {
  const absolute = path.resolve(cwd, file);
  const shown = path.relative(cwd, absolute).split(path.sep).join('/') || file;
  const name = `The ${role} "${file}"`;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`Cannot read the ${role} "${file}": ${problem}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${name} is not valid JSON (${(error as Error).message}); give a report written by "prodready scan --format json".`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`${name} is not a prodready JSON report; give one written by "prodready scan --format json".`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    const found = version === undefined ? 'has no schemaVersion' : `has schemaVersion ${JSON.stringify(version)}`;
    throw new UsageError(
      `${name} ${found}; this prodready reads reports of schemaVersion "${SCHEMA_VERSION}" (written by "prodready scan --format json").`,
    );
  }
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const validate = new Ajv2020({ strict: true, allErrors: false, validateFormats: false }).compile(REPORT_SCHEMA);
  if (!validate(data)) {
    const problem = (validate.errors ?? [])
      .slice(0, 1)
      .map((error) => {
        const at = error.instancePath === '' ? 'the top level' : error.instancePath;
        const extra =
          typeof error.params.additionalProperty === 'string' ? ` ("${error.params.additionalProperty}")` : '';
        return `${at} ${error.message ?? 'is invalid'}${extra}`;
      })
      .join('; ');
    throw new UsageError(`${name} does not match the report schema: ${problem}.`);
  }
  return { file: shown, report: data as Report };
}
