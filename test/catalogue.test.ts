import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PILLARS } from '../src/core/vocabulary.js';
import { ALL_RULES, RULES } from '../src/rules/index.js';
import { REPOSITORY_ROOT, RULE_FIXTURES, ruleFixtureCases } from './fixtures.js';

const RULES_DIRECTORY = path.join(REPOSITORY_ROOT, 'src', 'rules');
const NOT_RULES = new Set(['index.ts']);

function ruleFilesOnDisk(): { pillar: string; id: string }[] {
  return PILLARS.flatMap((pillar) => {
    const directory = path.join(RULES_DIRECTORY, pillar);
    if (!fs.existsSync(directory)) return [];
    return fs
      .readdirSync(directory)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !NOT_RULES.has(name))
      .map((name) => ({ pillar, id: name.replace(/\.ts$/, '') }));
  });
}

describe('rule catalogue', () => {
  it('has at least 35 rules', () => {
    expect(ALL_RULES.length).toBeGreaterThanOrEqual(35);
  });

  it('registers exactly the rule files on disk, each in the folder of its pillar', () => {
    const onDisk = ruleFilesOnDisk()
      .map((file) => `${file.pillar}/${file.id}`)
      .sort();
    const registered = ALL_RULES.map((rule) => `${rule.pillar}/${rule.id}`).sort();
    expect(registered).toEqual(onDisk);
  });

  it('keys the registry by id, in pillar order and alphabetically within a pillar', () => {
    for (const [key, rule] of Object.entries(RULES)) expect(key).toBe(rule.id);
    const expected = [...ALL_RULES].sort(
      (a, b) => PILLARS.indexOf(a.pillar) - PILLARS.indexOf(b.pillar) || (a.id < b.id ? -1 : 1),
    );
    expect(ALL_RULES.map((rule) => rule.id)).toEqual(expected.map((rule) => rule.id));
  });

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s has complete metadata', (_id, rule) => {
    expect(rule.id).toMatch(/^(require|no)-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale).toMatch(/^[A-Z].*\.$/s);
    expect(rule.remediation).toMatch(/^[A-Z][a-z]+ .*\.$/s);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const reference of rule.references) expect(reference.url).toMatch(/^https:\/\//);
    expect(rule.messageIds.length).toBeGreaterThan(0);
    for (const messageId of rule.messageIds) expect(messageId).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every rule at least one pass and one fail fixture', () => {
    const cases = ruleFixtureCases();
    for (const rule of ALL_RULES) {
      const own = cases.filter((fixture) => fixture.ruleId === rule.id);
      expect(own.filter((fixture) => fixture.outcome === 'pass').length, `${rule.id} pass`).toBeGreaterThan(0);
      expect(own.filter((fixture) => fixture.outcome === 'fail').length, `${rule.id} fail`).toBeGreaterThan(0);
    }
  });

  it('has no fixtures for rules that do not exist', () => {
    const ids = new Set(ALL_RULES.map((rule) => rule.id));
    for (const directory of fs.readdirSync(RULE_FIXTURES)) expect(ids.has(directory), directory).toBe(true);
  });

  it('exercises every message id in some fail fixture', () => {
    const expectedLines = ruleFixtureCases().flatMap((fixture) => fixture.expected);
    for (const rule of ALL_RULES) {
      for (const messageId of rule.messageIds) {
        expect(
          expectedLines.some((line) => line.startsWith(`${rule.id} ${messageId} `)),
          `${rule.id} ${messageId}`,
        ).toBe(true);
      }
    }
  });
});
