import { describe, expect, it } from 'vitest';
import { ALL_ATTESTATIONS } from '../src/attestations/index.js';
import { COMPLIANCE_FRAMEWORKS, type ComplianceFramework } from '../src/core/vocabulary.js';
import { COMPLIANCE_CONTROLS, FRAMEWORK_SOURCES } from '../src/reference/compliance.js';
import { ALL_RULES } from '../src/rules/index.js';

/** How each framework numbers its controls. */
const CONTROL_ID_PATTERNS: Readonly<Record<ComplianceFramework, RegExp>> = {
  // Trust Services Criteria: CC1.1–CC9.2, A1.1–A1.3, C1.1–C1.2, PI1.1–PI1.5, P1.1–P8.1.
  soc2: /^(CC[1-9]\.[1-9]|A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.[1-9])$/,
  // Security Rule sections 164.302–164.318: section, paragraph (a), (1), (ii), (A).
  hipaa: /^§164\.3(0[2-9]|1[0-8])(\([a-z]\)(\(\d{1,2}\)(\((i|ii|iii|iv|v)\)(\([A-Z]\))?)?)?)?$/,
  // Requirements 1–12 and their numbered sub-requirements: 1.3, 12.10, 8.6.2.
  'pci-dss': /^([1-9]|1[0-2])\.\d{1,2}(\.\d{1,2}){0,2}$/,
  // Articles 1–99 with paragraph and point: Art. 25, Art. 32(1)(b).
  gdpr: /^Art\. ([1-9]|[1-9]\d)(\(\d{1,2}\)(\([a-z]\))?)?$/,
  // Annex A of 2022: A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14, A.8.1–A.8.34.
  iso27001: /^A\.(5\.([1-9]|[12]\d|3[0-7])|6\.[1-8]|7\.([1-9]|1[0-4])|8\.([1-9]|[12]\d|3[0-4]))$/,
};

const RULE_IDS = new Set(ALL_RULES.map((rule) => rule.id));
const ATTESTATION_IDS = new Set(ALL_ATTESTATIONS.map((attestation) => attestation.id));

function controlsOf(framework: ComplianceFramework) {
  return COMPLIANCE_CONTROLS.filter((control) => control.framework === framework);
}

describe('compliance overlay', () => {
  it('names one published source per framework', () => {
    expect(FRAMEWORK_SOURCES.map((source) => source.framework)).toEqual([...COMPLIANCE_FRAMEWORKS]);
    const sources = Object.fromEntries(FRAMEWORK_SOURCES.map((source) => [source.framework, source.source]));
    expect(sources.soc2).toMatch(/^AICPA 2017 Trust Services Criteria.*revised points of focus, 2022/);
    expect(sources.hipaa).toMatch(/^45 CFR Part 164 Subpart C/);
    expect(sources['pci-dss']).toMatch(/PCI|Payment Card Industry Data Security Standard v4\.0\.1/);
    expect(sources.gdpr).toMatch(/^Regulation \(EU\) 2016\/679/);
    expect(sources.iso27001).toMatch(/^ISO\/IEC 27001:2022, Annex A/);
    for (const source of FRAMEWORK_SOURCES) expect(source.title.length).toBeGreaterThan(3);
  });

  it.each([...COMPLIANCE_FRAMEWORKS])(
    '%s has at least five controls, numbered as the framework numbers them',
    (framework) => {
      const controls = controlsOf(framework);
      expect(controls.length).toBeGreaterThanOrEqual(5);
      const ids = controls.map((control) => control.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(CONTROL_ID_PATTERNS[framework]);
    },
  );

  it('rejects ids from another numbering', () => {
    expect('CC10.1').not.toMatch(CONTROL_ID_PATTERNS.soc2);
    expect('164.308(a)(1)').not.toMatch(CONTROL_ID_PATTERNS.hipaa);
    expect('13.1').not.toMatch(CONTROL_ID_PATTERNS['pci-dss']);
    expect('Article 32').not.toMatch(CONTROL_ID_PATTERNS.gdpr);
    expect('A.12.3.1').not.toMatch(CONTROL_ID_PATTERNS.iso27001);
    expect('A.8.35').not.toMatch(CONTROL_ID_PATTERNS.iso27001);
  });

  it('gives every control evidence from rules or attestations that exist, each named once', () => {
    for (const control of COMPLIANCE_CONTROLS) {
      const where = `${control.framework} ${control.id}`;
      expect(control.rules.length + control.attestations.length, where).toBeGreaterThan(0);
      expect(control.title.length, where).toBeGreaterThan(10);
      expect(new Set(control.rules).size, where).toBe(control.rules.length);
      expect(new Set(control.attestations).size, where).toBe(control.attestations.length);
      for (const rule of control.rules) expect(RULE_IDS.has(rule), `${where}: rule ${rule}`).toBe(true);
      for (const attestation of control.attestations) {
        expect(ATTESTATION_IDS.has(attestation), `${where}: attestation ${attestation}`).toBe(true);
      }
    }
  });

  it('maps every attestation to at least one control', () => {
    const mapped = new Set(COMPLIANCE_CONTROLS.flatMap((control) => control.attestations));
    expect([...ATTESTATION_IDS].filter((id) => !mapped.has(id))).toEqual([]);
  });

  it('maps the controls named in the practices to the expected evidence', () => {
    const find = (framework: ComplianceFramework, id: string) =>
      COMPLIANCE_CONTROLS.find((control) => control.framework === framework && control.id === id);
    expect(find('soc2', 'A1.3')?.attestations).toEqual(['backup-restore-tested', 'disaster-recovery-drill']);
    expect(find('hipaa', '§164.308(a)(7)(ii)(A)')?.attestations).toEqual(['backup-restore-tested']);
    expect(find('pci-dss', '11.4')?.attestations).toEqual(['penetration-test']);
    expect(find('pci-dss', '1.3')?.rules).toContain('require-network-policy');
    expect(find('gdpr', 'Art. 5(1)(e)')?.attestations).toEqual(['data-retention-policy']);
    expect(find('iso27001', 'A.8.14')?.rules).toEqual(
      expect.arrayContaining(['require-multiple-replicas', 'require-node-spread', 'no-single-replica-stateful-engine']),
    );
    expect(find('iso27001', 'A.8.32')?.rules).toEqual([
      'no-latest-image-tag',
      'require-image-digest',
      'require-safe-rolling-update',
    ]);
  });
});
