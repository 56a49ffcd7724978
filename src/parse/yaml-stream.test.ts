import { describe, expect, it } from 'vitest';
import { findSuppressionComments } from './suppression-comments.js';
import { parseYamlStream } from './yaml-stream.js';

const MANIFEST = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0.0
          resources:
            limits:
              memory: 256Mi
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  ports: [{port: 80}]
`;

describe('parseYamlStream', () => {
  it('returns the values of every document', () => {
    const stream = parseYamlStream(MANIFEST);
    expect(stream.issues).toEqual([]);
    expect(stream.documents.map((document) => (document.value as { kind: string }).kind)).toEqual([
      'Deployment',
      'Service',
    ]);
  });

  it('locates keys exactly, in block and flow style, in any document', () => {
    const [deployment, service] = parseYamlStream(MANIFEST).documents;
    const containers = ['spec', 'template', 'spec', 'containers'];
    expect(deployment?.locator.locate([])).toEqual({ line: 2, column: 1 });
    expect(deployment?.locator.locate([...containers, 0])).toEqual({ line: 10, column: 11 });
    expect(deployment?.locator.locate([...containers, 0, 'image'])).toEqual({ line: 11, column: 11 });
    expect(deployment?.locator.locate([...containers, 0, 'resources', 'limits', 'memory'])).toEqual({
      line: 14,
      column: 15,
    });
    expect(service?.locator.locate(['metadata', 'name'])).toEqual({ line: 18, column: 12 });
    expect(service?.locator.locate(['spec', 'ports', 0, 'port'])).toEqual({ line: 20, column: 12 });
  });

  it('resolves a missing key to its deepest existing parent', () => {
    const [deployment] = parseYamlStream(MANIFEST).documents;
    const container = ['spec', 'template', 'spec', 'containers', 0];
    expect(deployment?.locator.locate([...container, 'resources', 'requests', 'cpu'])).toEqual({
      line: 12,
      column: 11,
    });
    expect(deployment?.locator.locate([...container, 'readinessProbe'])).toEqual({ line: 10, column: 11 });
  });

  it('keeps the other documents when one is malformed, and reports its line', () => {
    const text = 'a: 1\n---\nb: "unclosed\nc: 2\n---\nd: 4\n---\ne: [1, 2\n';
    const stream = parseYamlStream(text);
    expect(stream.documents.map((document) => document.value)).toEqual([{ a: 1 }, { d: 4 }]);
    // The parser notices an unclosed quote where the document ends; the issue is at the opening quote.
    expect(stream.issues.map((issue) => issue.line)).toEqual([3, 9]);
    expect(stream.issues[0]).toMatchObject({ column: 4, message: expect.stringContaining('Missing closing "quote') });
    expect(stream.documents[1]?.locator.locate(['d'])).toEqual({ line: 6, column: 1 });
  });

  it('reports duplicate keys and skips comment-only and empty documents', () => {
    const stream = parseYamlStream('# only a comment\n---\n---\na: 1\na: 2\n---\nb: 1\n');
    expect(stream.documents.map((document) => document.value)).toEqual([{ b: 1 }]);
    expect(stream.issues).toEqual([expect.objectContaining({ line: 5 })]);
  });

  it('supports merge keys and keeps CRLF files locatable', () => {
    const stream = parseYamlStream('base: &base\r\n  a: 1\r\nchild:\r\n  <<: *base\r\n  b: 2\r\n');
    expect(stream.documents[0]?.value).toEqual({ base: { a: 1 }, child: { a: 1, b: 2 } });
    expect(stream.documents[0]?.locator.locate(['child', 'b'])).toEqual({ line: 5, column: 3 });
  });

  it('refuses a billion-laughs alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const stream = parseYamlStream(levels.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stream.documents).toEqual([]);
    expect(stream.issues).toHaveLength(1);
  });
});

describe('findSuppressionComments', () => {
  const text = `# prodready-ignore no-bare-pod: debugging pod, deleted after the incident
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    # prodready-ignore no-latest-image-tag: the debug image is rebuilt daily
    - name: debug
      image: busybox
      securityContext:
        privileged: true # prodready-ignore no-privileged-container
    - name: other
      image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: second
`;

  it('scopes a header comment to its document, a comment above a key to its block, a trailing one to its line', () => {
    expect(findSuppressionComments(text)).toEqual([
      {
        ruleId: 'no-bare-pod',
        reason: 'debugging pod, deleted after the incident',
        line: 1,
        fromLine: 2,
        toLine: 14,
      },
      {
        ruleId: 'no-latest-image-tag',
        reason: 'the debug image is rebuilt daily',
        line: 8,
        fromLine: 9,
        toLine: 12,
      },
      { ruleId: 'no-privileged-container', reason: '', line: 12, fromLine: 12, toLine: 12 },
    ]);
  });
});

describe('findSuppressionComments in HCL', () => {
  it('covers the next block only, with its closing brace', () => {
    const text = [
      '# prodready-ignore no-public-database-access: reached through a private endpoint only',
      'resource "azurerm_postgresql_flexible_server" "db" {',
      '  public_network_access_enabled = true',
      '}',
      '',
      'resource "azurerm_redis_cache" "cache" {',
      '  minimum_tls_version = "1.0"',
      '}',
    ].join('\n');
    expect(findSuppressionComments(text, false)).toEqual([
      {
        ruleId: 'no-public-database-access',
        reason: 'reached through a private endpoint only',
        line: 1,
        fromLine: 2,
        toLine: 4,
      },
    ]);
  });
});
