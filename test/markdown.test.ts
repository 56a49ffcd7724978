import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from '../src/report/markdown.js';
import { bareDeployment, configWith, manyManifests, SHOP_FILES, scanTree } from './reporter-helpers.js';

describe('renderMarkdown', () => {
  const report = scanTree({ 'k8s/api.yaml': bareDeployment('api') });

  it('starts with the verdict line and lists the blockers with file:line as link text', () => {
    const text = renderMarkdown(report);
    const blockers = report.findings.filter((finding) => finding.level === 'blocker' && !finding.suppressed);
    expect(blockers.length).toBeGreaterThan(0);
    expect(text.split('\n')[0]).toBe(
      `## ❌ NOT READY for launch: ${report.verdict.blockers} blockers (${report.verdict.blockerFindings} findings, ${report.verdict.blockerAttestations} practices to attest)`,
    );
    const latest = report.findings.find((finding) => finding.ruleId === 'no-latest-image-tag');
    expect(latest?.location.line).toBe(10);
    expect(text).toContain('- `k8s/api.yaml:10` `no-latest-image-tag`: ');
    expect(text).not.toMatch(/https?:\/\/(?!registry\.example\.com)/);
    // The blockers come before the scenarios and the details.
    const blockersAt = text.indexOf('### Blockers');
    expect(blockersAt).toBeGreaterThan(0);
    expect(blockersAt).toBeLessThan(text.indexOf('### Scenarios'));
    expect(text.indexOf('### Scenarios')).toBeLessThan(text.indexOf('<details>'));
  });

  it('shows the score of every scored pillar with its finding counts', () => {
    const text = renderMarkdown(report);
    for (const [pillar, score] of Object.entries(report.verdict.scores)) {
      const count = (level: string) =>
        report.findings.filter((f) => f.pillar === pillar && f.level === level && !f.suppressed).length;
      expect(text).toContain(`| ${pillar} | ${score} | ${count('blocker')} | ${count('next')} | ${count('advice')} |`);
    }
  });

  it('links locations only under a link base', () => {
    const text = renderMarkdown(report, { linkBase: 'https://github.com/acme/shop/blob/abc123/' });
    expect(text).toContain(
      '[k8s/api.yaml:10](https://github.com/acme/shop/blob/abc123/k8s/api.yaml#L10) `no-latest-image-tag`',
    );
  });

  it('lists what the next stage adds and folds findings, practices and coverage into details', () => {
    const text = renderMarkdown(report);
    const next = report.verdict.nextStage;
    expect(next?.stage).toBe('growth');
    expect(text).toContain('### growth would also require');
    for (const ruleId of next?.rules ?? []) expect(text).toContain(`- rule \`${ruleId}\``);
    expect(text).toMatch(/<details><summary>Findings: security \(\d+ blocker/);
    expect(text).toContain('<details><summary>Practices files cannot show (');
    expect(text).toContain('<details><summary>Coverage</summary>');
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
  });

  it('says READY when nothing blocks', () => {
    const ready = scanTree({ 'README.md': '# nothing to deploy\n' }, configWith({ stage: 'prototype' }));
    expect(ready.verdict.ready).toBe(true);
    const text = renderMarkdown(ready);
    expect(text.split('\n')[0]).toBe('## ✅ READY for prototype: no blockers');
    expect(text).not.toContain('### Blockers');
  });

  it('summarises every scenario, with the ceiling against the SLA', () => {
    const shop = scanTree(SHOP_FILES, configWith({ sla: 99.99 }));
    const text = renderMarkdown(shop);
    const ceiling = shop.scenarios.find((scenario) => scenario.id === 'availability-ceiling');
    const availability = ceiling?.paths[0]?.availability;
    expect(availability).toBeDefined();
    expect(text).toContain(
      `| Availability ceiling | ${ceiling?.outcome}${ceiling?.failing ? ` (${ceiling.level})` : ''} | ceiling ${Number(((availability ?? 0) * 100).toFixed(3))}% vs SLA 99.99% (uses ${ceiling?.budget?.consumedPercent}% of the error budget)`,
    );
    for (const scenario of shop.scenarios) expect(text).toContain(`| ${scenario.title} | ${scenario.outcome}`);
  });

  it('escapes Markdown and HTML in messages and paths', () => {
    const tricky = scanTree({ 'k8s/a <b> & `c` | d.yaml': bareDeployment('api') });
    const text = renderMarkdown(tricky);
    expect(text).toContain('- ``k8s/a <b> & `c` | d.yaml:10`` `no-latest-image-tag`');
    const inTable = renderMarkdown(tricky, { linkBase: 'https://example.com/r' });
    expect(inTable).toContain(
      '[k8s/a &lt;b&gt; &amp; \\`c\\` \\| d.yaml:10](https://example.com/r/k8s/a%20%3Cb%3E%20%26%20%60c%60%20%7C%20d.yaml#L10)',
    );
    // Outside code spans, no raw HTML from the user's files reaches the comment.
    expect(text.replace(/(`+).*?\1/g, '')).not.toContain('<b>');
  });

  it('stays within 65,000 characters for 10,000 findings and says what it left out', () => {
    const big = scanTree(manyManifests(850));
    expect(big.findings.length).toBeGreaterThanOrEqual(10_000);
    const text = renderMarkdown(big);
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
    expect(text.length).toBeGreaterThan(MARKDOWN_MAX_LENGTH - 10_000);
    const shown = text.split('\n').filter((line) => /^- `k8s\/team-\d+\/app-\d+\.yaml:\d+` `/.test(line)).length;
    const left = [...text.matchAll(/… and ([\d,]+) more (?:blocking )?(?:\w+ )?findings?/g)].map((match) =>
      Number((match[1] ?? '').replace(/,/g, '')),
    );
    // Every finding is either shown or counted in a note (the top list repeats some blockers).
    const top = Math.min(30, big.verdict.blockerFindings);
    expect(shown - top + left.slice(1).reduce((sum, count) => sum + count, 0)).toBe(big.findings.length);
    expect(text).toMatch(/… and [\d,]+ more security findings: see the full report\./);
    expect(text).toContain('<details><summary>Coverage</summary>');
    expect(text.endsWith('</sub>\n')).toBe(true);
  });

  it('honours a smaller limit and is deterministic', () => {
    const big = scanTree(manyManifests(120));
    const text = renderMarkdown(big, { maxLength: 8_000 });
    expect(text.length).toBeLessThanOrEqual(8_000);
    expect(text).toContain('see the full report');
    expect(renderMarkdown(big, { maxLength: 8_000 })).toBe(text);
    expect(renderMarkdown(big, { maxLength: 300 }).length).toBeLessThanOrEqual(300);
  });
});
