import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { type Config, configSchema } from '../src/config/schema.js';
import type { Report } from '../src/engine/report-types.js';

/** Writes `files` into a new temporary directory and returns it. */
export function writeTree(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-reporters-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Scans a tree the way `prodready scan` does, at a fixed time. */
export function scanTree(files: Readonly<Record<string, string>>, config: Config = DEFAULT_CONFIG): Report {
  return scanRepository({
    root: writeTree(files),
    paths: ['.'],
    exclude: [],
    config,
    version: '0.0.0-test',
    now: () => new Date('2026-06-01T12:00:00Z'),
  });
}

export function configWith(values: Record<string, unknown>): Config {
  return configSchema.parse(values);
}

/** A Deployment with a `latest` image and none of the settings the rules ask for: a dozen findings. */
export function bareDeployment(name: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    `          image: registry.example.com/${name}:latest`,
    '',
  ].join('\n');
}

/** `count` small manifests in folders of 100. */
export function manyManifests(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index += 1) {
    files[`k8s/team-${Math.floor(index / 100)}/app-${index}.yaml`] = bareDeployment(`app-${index}`);
  }
  return files;
}

/** An ingress → web → api → single-replica postgres path, for the scenarios. */
export const SHOP_FILES: Readonly<Record<string, string>> = {
  'k8s/app.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: app
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: app
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.0.0
          env:
            - name: DATABASE_HOST
              value: postgres
`,
  'k8s/postgres.yaml': `apiVersion: v1
kind: Service
metadata:
  name: postgres
  namespace: app
spec:
  clusterIP: None
  selector:
    app: postgres
  ports:
    - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: app
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
`,
};

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string, where: number): string {
  return value.replace(/&([^;\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new Error(`bare & at ${where}`);
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const entity = ENTITIES[name];
    if (entity === undefined) throw new Error(`unknown entity &${name}; at ${where}`);
    return entity;
  });
}

/**
 * A small XML reader for the JUnit output (no XML parser is installed): one root, balanced tags,
 * quoted attributes without `<`, only the five entities and numeric references, no characters
 * XML 1.0 forbids. Throws on anything else; returns the element tree with entities decoded.
 */
export function readXml(xml: string): XmlElement {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: forbidden characters are what is checked
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(xml);
  if (forbidden !== null) throw new Error(`forbidden character U+${forbidden[0].charCodeAt(0).toString(16)}`);
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (declaration === null) throw new Error('no XML declaration');
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|<!\[CDATA\[([\s\S]*?)\]\]>/y;
  token.lastIndex = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (match === null) throw new Error(`not well-formed at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    const [, closing, name, attributeText, selfClosing, text, cdata] = match;
    const parent = stack[stack.length - 1];
    if (text !== undefined || cdata !== undefined) {
      const value = cdata ?? decode(text ?? '', at);
      if (parent === undefined) {
        if (value.trim() !== '') throw new Error(`text outside the root at ${at}`);
      } else parent.text += value;
      continue;
    }
    if (closing === '/') {
      if (parent?.name !== name) throw new Error(`</${name}> closes <${parent?.name ?? 'nothing'}> at ${at}`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of (attributeText ?? '').matchAll(/([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"/g)) {
      const key = attribute[1] ?? '';
      if (key in attributes) throw new Error(`duplicate attribute ${key} at ${at}`);
      attributes[key] = decode(attribute[2] ?? '', at);
    }
    const element: XmlElement = { name: name ?? '', attributes, children: [], text: '' };
    if (parent === undefined) {
      if (root !== undefined) throw new Error(`second root element at ${at}`);
      root = element;
    } else parent.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.map((element) => element.name).join('> <')}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element named `name` under `element`, depth first. */
export function elements(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => elements(child, name))];
}
