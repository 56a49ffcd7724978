import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, type ConfigLocations, parseConfig } from '../config/parse.js';
import { type Config, configSchema } from '../config/schema.js';
import { UsageError } from '../core/errors.js';

export interface LoadedConfig {
  readonly config: Config;
  readonly locations: ConfigLocations;
  /** The file it came from, relative to the working directory; undefined for the defaults. */
  readonly file: string | undefined;
}

/**
 * Finds and validates the configuration: `--config FILE` when given; otherwise prodready.yaml in
 * the scanned directory (when one directory is scanned), then in the working directory;
 * otherwise the defaults (stage launch). An invalid file is a usage error listing every problem.
 */
export function loadConfig(cwd: string, explicit: string | undefined, scannedPaths: readonly string[]): LoadedConfig {
  const candidates =
    explicit !== undefined
      ? [explicit]
      : [
          ...(scannedPaths.length === 1 && scannedPaths[0] !== undefined
            ? [path.join(scannedPaths[0], CONFIG_FILE_NAME)]
            : []),
          CONFIG_FILE_NAME,
        ];
  for (const candidate of candidates) {
    const absolute = path.resolve(cwd, candidate);
    let text: string;
    try {
      if (!fs.statSync(absolute).isFile()) continue;
      text = fs.readFileSync(absolute, 'utf8');
    } catch {
      if (explicit !== undefined) {
        throw new UsageError(`The config file "${explicit}" does not exist or cannot be read.`);
      }
      continue;
    }
    const shown = path.relative(cwd, absolute) || candidate;
    const result = parseConfig(text);
    if (!result.ok) {
      const lines = result.problems.map(
        (problem) => `  ${shown}:${problem.line}:${problem.column}: ${problem.message}`,
      );
      const count = result.problems.length === 1 ? 'a problem' : `${result.problems.length} problems`;
      throw new UsageError(`${shown} has ${count}:\n${lines.join('\n')}`);
    }
    return { config: result.config, locations: result.locations, file: shown.split(path.sep).join('/') };
  }
  return { config: configSchema.parse({}), locations: { ignore: [], attestations: {} }, file: undefined };
}

/**
 * Names in the config that must exist: override rule ids and attestation ids. A typo there
 * would silently change nothing, so it is a usage error naming the known ids.
 */
export function checkConfigReferences(
  loaded: LoadedConfig,
  ruleIds: readonly string[],
  attestationIds: readonly string[],
): void {
  const file = loaded.file ?? CONFIG_FILE_NAME;
  const problems: string[] = [];
  for (const id of Object.keys(loaded.config.overrides)) {
    if (!ruleIds.includes(id)) {
      problems.push(`overrides.${id}: no rule has this id; see "prodready rules" for the ${ruleIds.length} rule ids.`);
    }
  }
  for (const id of Object.keys(loaded.config.attestations)) {
    if (!attestationIds.includes(id)) {
      problems.push(`attestations.${id}: no practice has this id; accepted: ${attestationIds.join(', ')}.`);
    }
  }
  if (problems.length > 0) {
    throw new UsageError(`${file} names what does not exist:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}
