import type { Report } from '../engine/report-types.js';
import { REPORT_SCRIPT, REPORT_STYLE } from './html-assets.generated.js';
import { renderJson } from './json.js';

/**
 * The Report as JSON that is safe inside `<script type="application/json">`: no `</script>`, no
 * `<!--`, and no U+2028/U+2029. `<`, `>` and `&` only occur inside JSON strings, where `\u003c`…
 * mean the same characters.
 */
export function embedJson(report: Report): string {
  return renderJson(report)
    .trimEnd()
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Checks that failed with a bug, shown above the app in plain HTML so that no script is needed to see them. */
function internalErrors(report: Report): string[] {
  const errors = report.verdict.coverage.errors ?? [];
  if (errors.length === 0) return [];
  const items = errors.map(
    (error) => `<li>${escapeHtml(error.kind)} <code>${escapeHtml(error.id)}</code>: ${escapeHtml(error.message)}</li>`,
  );
  return [
    '<section class="internal-errors" role="alert">',
    `<h2>Incomplete: ${errors.length} ${errors.length === 1 ? 'check' : 'checks'} failed with an internal error (a bug in prodready)</h2>`,
    `<ul>${items.join('')}</ul>`,
    '</section>',
  ];
}

/**
 * One self-contained HTML page: the Report embedded as JSON and rendered in the browser by the
 * inline code of web/report.js (charts drawn as SVG), styles inline, nothing fetched.
 */
export function renderHtml(report: Report): string {
  const { verdict } = report;
  const headline = `${verdict.ready ? 'READY' : 'NOT READY'} for ${verdict.stage}`;
  const blockers = `${verdict.blockers} blocker${verdict.blockers === 1 ? '' : 's'}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>prodready: ${escapeHtml(headline)}</title>`,
    `<style>\n${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    ...internalErrors(report),
    '<div id="prodready-app">',
    `<noscript><h1>${escapeHtml(headline)}: ${escapeHtml(blockers)}</h1><p>This report draws its charts and tables with JavaScript; the Report is embedded below as JSON.</p></noscript>`,
    '</div>',
    `<script type="application/json" id="prodready-report">${embedJson(report)}</script>`,
    `<script>\n${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
