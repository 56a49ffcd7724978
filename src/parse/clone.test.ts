import { describe, expect, it } from 'vitest';
import { cloneValue } from './clone.js';
import { parseYamlStream } from './yaml-stream.js';

describe('cloneValue', () => {
  it('copies a parsed manifest deeply: changing the copy leaves the original alone', () => {
    const [document] = parseYamlStream('spec:\n  replicas: 2\n  ports: [80, {name: web}]\n').documents;
    const original = document?.value as { spec: { replicas: number; ports: [number, { name: string }] } };
    const copy = cloneValue(original);
    expect(copy).toEqual(original);
    copy.spec.replicas = 3;
    copy.spec.ports[1].name = 'changed';
    expect(original.spec.replicas).toBe(2);
    expect(original.spec.ports[1].name).toBe('web');
  });

  it('keeps YAML aliases shared and an alias inside its own anchor a cycle', () => {
    const [document] = parseYamlStream('base: &b {x: 1}\nuse: *b\nloop: &l\n  self: *l\n').documents;
    const original = document?.value as { base: object; use: object; loop: { self: unknown } };
    const copy = cloneValue(original);
    expect(copy.use).toBe(copy.base);
    expect(copy.loop.self).toBe(copy.loop);
    expect(copy.base).not.toBe(original.base);
  });

  it('copies a key named __proto__ as data, never as the prototype', () => {
    const copy = cloneValue(JSON.parse('{"__proto__": {"polluted": true}, "kind": "x"}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'kind']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
