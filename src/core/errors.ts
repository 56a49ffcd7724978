/**
 * A mistake in how prodready was called (a bad flag, a missing path, an invalid config).
 * The message names the bad value and what is accepted; the CLI prints it and exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
