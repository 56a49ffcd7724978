import type { ParseIssue, SourcePointer } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { parseYamlNow, type YamlSource } from './file-parse.js';

/** One Kubernetes object as written in the repository. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** As written; undefined when the manifest leaves it to `kubectl -n`. */
  readonly namespace: string | undefined;
  readonly body: Readonly<Record<string, unknown>>;
  /** Points at the object's root in its file. */
  readonly source: SourcePointer;
}

export interface ParsedKubernetesFile {
  readonly objects: readonly KubernetesObject[];
  readonly issues: readonly ParseIssue[];
  /** Documents that parsed but are not Kubernetes objects. */
  readonly otherDocuments: number;
}

/** Parses a file classified as Kubernetes: every document, and every item of a `kind: List`. */
export function parseKubernetesFile(file: SourceFile, yamlOf: YamlSource = parseYamlNow): ParsedKubernetesFile {
  const stream = yamlOf(file);
  const issues: ParseIssue[] = stream.issues.map((issue) => ({ file: file.path, ...issue }));
  const objects: KubernetesObject[] = [];
  let otherDocuments = 0;
  for (const document of stream.documents) {
    const root: SourcePointer = { file: file.path, locator: document.locator, path: [] };
    const value = document.value;
    if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
      otherDocuments += 1;
      continue;
    }
    if (value.kind === 'List' || (value.kind.endsWith('List') && Array.isArray(value.items))) {
      const items = Array.isArray(value.items) ? value.items : [];
      items.forEach((item, index) => {
        const pointer: SourcePointer = { ...root, path: ['items', index] };
        if (isRecord(item) && typeof item.apiVersion === 'string' && typeof item.kind === 'string') {
          objects.push(toObject(item, item.apiVersion, item.kind, pointer));
        } else {
          const at = document.locator.locate(pointer.path);
          issues.push({
            file: file.path,
            ...at,
            message: 'List item is not a Kubernetes object (no apiVersion/kind).',
          });
        }
      });
      continue;
    }
    objects.push(toObject(value, value.apiVersion, value.kind, root));
  }
  return { objects, issues, otherDocuments };
}

function toObject(
  body: Record<string, unknown>,
  apiVersion: string,
  kind: string,
  source: SourcePointer,
): KubernetesObject {
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const name =
    typeof metadata.name === 'string'
      ? metadata.name
      : typeof metadata.generateName === 'string'
        ? `${metadata.generateName}*`
        : '(unnamed)';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  return { apiVersion, kind, name, namespace, body, source };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
