/** An image reference split into its parts: `registry.example.com:5000/team/app:1.4@sha256:…`. */
export interface ImageReferenceParts {
  /** Registry host, when the first path component names one (has a `.` or `:`, or is `localhost`). */
  readonly registry: string | undefined;
  /** The repository, registry included: `registry.example.com:5000/team/app`. */
  readonly repository: string;
  /** The tag, undefined when none is written. */
  readonly tag: string | undefined;
  /** The digest (`sha256:…`), undefined when none is written. */
  readonly digest: string | undefined;
}

/** Splits an image reference; used for Dockerfile FROM lines and compose `image:` values alike. */
export function parseImageReference(reference: string): ImageReferenceParts {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const named = at === -1 ? reference : reference.slice(0, at);
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? named : named.slice(0, colon);
  const tag = colon === -1 ? undefined : named.slice(colon + 1);
  const first = repository.split('/')[0] ?? '';
  const registry =
    repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
      ? first
      : undefined;
  return { registry, repository, tag, digest };
}
