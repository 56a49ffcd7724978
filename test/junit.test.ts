import { describe, expect, it } from 'vitest';
import { PILLARS } from '../src/core/vocabulary.js';
import { renderJunit } from '../src/report/junit.js';
import {
  bareDeployment,
  configWith,
  elements,
  readXml,
  SHOP_FILES,
  scanTree,
  type XmlElement,
} from './reporter-helpers.js';

function testCase(root: XmlElement, suite: string, name: string): XmlElement | undefined {
  return elements(root, 'testsuite')
    .find((element) => element.attributes.name === suite)
    ?.children.find((element) => element.attributes.name === name);
}

describe('renderJunit', () => {
  const report = scanTree({ 'k8s/api.yaml': bareDeployment('api') });
  const root = readXml(renderJunit(report));

  it('has a suite per pillar with a case per rule, classname the pillar', () => {
    expect(root.name).toBe('testsuites');
    const suites = elements(root, 'testsuite').map((suite) => suite.attributes.name);
    const pillars = PILLARS.filter((pillar) => report.rules.some((rule) => rule.pillar === pillar));
    expect(suites).toEqual([...pillars, 'attestations', 'scenarios']);
    for (const pillar of pillars) {
      const suite = elements(root, 'testsuite').find((element) => element.attributes.name === pillar);
      const rules = report.rules.filter((rule) => rule.pillar === pillar).map((rule) => rule.id);
      expect(suite?.children.map((child) => child.attributes.name)).toEqual(rules);
      expect(suite?.children.every((child) => child.attributes.classname === pillar)).toBe(true);
      expect(suite?.attributes.tests).toBe(String(rules.length));
    }
    const cases = elements(root, 'testcase');
    expect(root.attributes.tests).toBe(String(cases.length));
    expect(root.attributes.failures).toBe(String(cases.filter((c) => elements(c, 'failure').length > 0).length));
  });

  it('fails a rule with unsuppressed blocker findings: first finding as message, all with file:line in the body', () => {
    const findings = report.findings.filter((finding) => finding.ruleId === 'no-latest-image-tag');
    expect(findings.map((finding) => finding.level)).toEqual(['blocker']);
    const failure = elements(testCase(root, 'delivery', 'no-latest-image-tag') as XmlElement, 'failure')[0];
    expect(failure?.attributes.type).toBe('blocker');
    expect(failure?.attributes.message).toBe(`k8s/api.yaml:10:11: ${findings[0]?.message}`);
    expect(failure?.text).toBe(`k8s/api.yaml:10:11 no-latest-image-tag: ${findings[0]?.message}`);
  });

  it('passes a rule with only next or advice findings and lists them in system-out', () => {
    const advice = report.findings.find((finding) => finding.level !== 'blocker');
    expect(advice).toBeDefined();
    const element = testCase(root, advice?.pillar ?? '', advice?.ruleId ?? '') as XmlElement;
    expect(elements(element, 'failure')).toEqual([]);
    expect(elements(element, 'skipped')).toEqual([]);
    expect(elements(element, 'system-out')[0]?.text).toContain(
      `${advice?.level}: ${advice?.location.file}:${advice?.location.line}:${advice?.location.column} ${advice?.ruleId}: ${advice?.message}`,
    );
  });

  it('skips not-applicable and off rules', () => {
    const notApplicable = report.rules.find((rule) => rule.outcome === 'not-applicable');
    const element = testCase(root, notApplicable?.pillar ?? '', notApplicable?.id ?? '') as XmlElement;
    expect(elements(element, 'skipped')[0]?.attributes.message).toBe('not applicable: nothing to examine');
    const off = scanTree(
      { 'k8s/api.yaml': bareDeployment('api') },
      configWith({ overrides: { 'no-latest-image-tag': { level: 'off', reason: 'we pin by digest in CD' } } }),
    );
    const offCase = testCase(readXml(renderJunit(off)), 'delivery', 'no-latest-image-tag') as XmlElement;
    expect(off.rules.find((rule) => rule.id === 'no-latest-image-tag')?.outcome).toBe('off');
    expect(elements(offCase, 'skipped')[0]?.attributes.message).toBe('off: we pin by digest in CD');
  });

  it('reports suppressed findings as passed with the reason', () => {
    const suppressed = scanTree({
      'k8s/api.yaml': `# prodready-ignore no-latest-image-tag: the tag is rewritten by CD\n${bareDeployment('api')}`,
    });
    const element = testCase(readXml(renderJunit(suppressed)), 'delivery', 'no-latest-image-tag') as XmlElement;
    expect(elements(element, 'failure')).toEqual([]);
    expect(elements(element, 'system-out')[0]?.text).toMatch(
      /^suppressed \(the tag is rewritten by CD\): k8s\/api\.yaml:11:11 no-latest-image-tag: /,
    );
  });

  it('fails missing blocker attestations and passes the others', () => {
    const blocking = report.attestations.filter((a) => a.level === 'blocker' && a.state === 'missing');
    expect(blocking.length).toBeGreaterThan(0);
    for (const attestation of report.attestations) {
      const element = testCase(root, 'attestations', attestation.id) as XmlElement;
      const failed = elements(element, 'failure').length > 0;
      expect(failed, attestation.id).toBe(blocking.includes(attestation));
      if (failed) expect(elements(element, 'failure')[0]?.attributes.message).toBe(`${attestation.title}: missing`);
    }
  });

  it('fails scenarios the stage does not accept', () => {
    const shop = scanTree(SHOP_FILES, configWith({ sla: 99.99 }));
    const xml = readXml(renderJunit(shop));
    for (const scenario of shop.scenarios) {
      const element = testCase(xml, 'scenarios', scenario.id) as XmlElement;
      const failing = scenario.failing === true && scenario.level === 'blocker';
      expect(elements(element, 'failure').length, scenario.id).toBe(failing ? 1 : 0);
    }
  });

  it('escapes quotes, <, & and strips control characters', () => {
    const tricky = scanTree({
      'k8s/a "b" <c> & \'d\'.yaml': bareDeployment('api'),
      'k8s/bell.yaml': bareDeployment('bell').replace('name: bell', 'name: "bell\\u0007\\u001b"'),
    });
    const xml = renderJunit(tricky);
    expect(tricky.findings.some((finding) => finding.message.includes('bell\u0007\u001b'))).toBe(true);
    expect(xml.includes('\u0007') || xml.includes('\u001b')).toBe(false);
    const parsed = readXml(xml);
    const failure = elements(testCase(parsed, 'delivery', 'no-latest-image-tag') as XmlElement, 'failure')[0];
    expect(failure?.attributes.message).toBe(
      `k8s/a "b" <c> & 'd'.yaml:10:11: ${tricky.findings.find((f) => f.ruleId === 'no-latest-image-tag')?.message}`,
    );
    expect(xml).toContain('k8s/a &quot;b&quot; &lt;c&gt; &amp; &apos;d&apos;.yaml:10:11');
    expect(failure?.text).toContain('k8s/bell.yaml:10:11 no-latest-image-tag: Container "app" of Deployment bell');
  });

  it('is deterministic', () => {
    expect(renderJunit(report)).toBe(renderJunit(scanTree({ 'k8s/api.yaml': bareDeployment('api') })));
  });
});
