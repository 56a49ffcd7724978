// prodready dashboard for `prodready serve`. Plain ES2020, no dependencies. Loaded after web/report.js,
// whose components (window.prodready) draw the run detail, so the report and the dashboard share one code base.
// The page shell names the page in <div id="prodready-app" data-page="…" data-id="…" data-from="…" data-to="…">;
// everything else comes from the JSON API. All report text is inserted as text nodes.
(function () {
  'use strict';
  var P = window.prodready;
  var h = P.h, s = P.s, section = P.section, badge = P.badge;
  var COLORS = { availability: '#0969da', scalability: '#8250df', security: '#cf222e', delivery: '#1a7f37',
    operations: '#bf8700', cost: '#57606a' };

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response.json();
    });
  }
  function verdictText(run) {
    return (run.ready ? 'READY' : 'NOT READY') + ' for ' + run.stage;
  }
  function nav() {
    return h('nav', { class: 'crumbs' }, h('a', { href: '/', 'data-testid': 'nav-home' }, 'All projects'));
  }
  function show(root, nodes) {
    while (root.firstChild) root.removeChild(root.firstChild);
    P.append(root, nodes);
  }

  /** A line chart of `series` (arrays of numbers or null) over `count` runs, as inline SVG. */
  function lineChart(options) {
    var width = options.width, height = options.height, pad = options.pad || 0;
    var count = options.count;
    var max = options.max;
    var x = function (i) { return pad + (count <= 1 ? 0 : ((width - 2 * pad) * i) / (count - 1)); };
    var y = function (v) { return height - pad - ((height - 2 * pad) * v) / (max || 1); };
    var svg = s('svg', { class: 'chart', 'data-testid': options.testid, viewBox: '0 0 ' + width + ' ' + height,
      width: width, height: height, role: 'img', 'aria-label': options.label });
    (options.marks || []).forEach(function (mark) {
      svg.appendChild(s('line', { x1: x(mark.index), x2: x(mark.index), y1: 0, y2: height, class: 'sla', 'data-testid': 'milestone' },
        s('title', null, mark.title)));
    });
    options.series.forEach(function (serie) {
      var points = [];
      serie.values.forEach(function (v, i) { if (v !== null && v !== undefined) points.push([x(i), y(v), v, i]); });
      if (points.length === 0) return;
      svg.appendChild(s('polyline', { fill: 'none', stroke: serie.color, 'stroke-width': 2, 'data-series': serie.name,
        points: points.map(function (p) { return p[0] + ',' + p[1]; }).join(' ') }));
      if (options.dots !== false) {
        points.forEach(function (p) {
          svg.appendChild(s('circle', { cx: p[0], cy: p[1], r: 3, fill: serie.color, class: 'point', 'data-series': serie.name },
            s('title', null, serie.name + ' run ' + (p[3] + 1) + ': ' + p[2])));
        });
      }
    });
    return svg;
  }

  function overview(root) {
    return getJson('/api/projects').then(function (projects) {
      return Promise.all(projects.map(function (p) { return getJson('/api/projects/' + p.id + '/runs'); })).then(function (all) {
        var rows = projects.map(function (project, index) {
          var runs = all[index];
          var last = runs[runs.length - 1];
          var scores = last ? P.PILLARS.filter(function (k) { return last.scores[k] !== undefined; })
            .map(function (k) { return k + ' ' + last.scores[k]; }).join(' \u00b7 ') : '';
          var spark = lineChart({ width: 120, height: 28, pad: 3, count: runs.length, max: 100, testid: 'sparkline', dots: false,
            label: 'Mean score trend',
            series: [{ name: 'mean', color: '#0969da', values: runs.map(function (r) {
              var values = Object.keys(r.scores).map(function (k) { return r.scores[k]; });
              return values.length ? values.reduce(function (a, b) { return a + b; }, 0) / values.length : null;
            }) }] });
          return h('tr', { 'data-testid': 'project-row' },
            h('td', null, h('a', { href: '/projects/' + project.id, 'data-testid': 'project-link' }, project.name)),
            h('td', null, last ? badge(last.ready ? 'ready' : 'blocker', verdictText(last)) : '\u2014'),
            h('td', null, last ? last.stage : '\u2014'),
            h('td', null, scores),
            h('td', null, project.lastRunAt ? project.lastRunAt.slice(0, 16).replace('T', ' ') : '\u2014'),
            h('td', null, spark));
        });
        show(root, [h('header', { class: 'banner' }, h('h1', null, 'prodready projects')),
          h('main', null, section('projects', 'Projects', projects.length === 0 ? h('p', null, 'No runs saved yet.') :
            h('table', null, h('thead', null, h('tr', null, ['Project', 'Verdict', 'Stage', 'Scores', 'Last run', 'Trend']
              .map(function (t) { return h('th', null, t); }))), h('tbody', null, rows))))]);
      });
    });
  }

  function history(root, id) {
    return Promise.all([getJson('/api/projects'), getJson('/api/projects/' + id + '/runs')]).then(function (got) {
      var project = got[0].find(function (p) { return String(p.id) === id; });
      var runs = got[1];
      var pillars = P.PILLARS.filter(function (k) { return runs.some(function (r) { return r.scores[k] !== undefined; }); });
      var marks = [];
      runs.forEach(function (r, i) {
        if (i > 0 && r.stage !== runs[i - 1].stage) marks.push({ index: i, title: 'stage ' + runs[i - 1].stage + ' \u2192 ' + r.stage });
      });
      var scores = lineChart({ width: 640, height: 220, pad: 12, count: runs.length, max: 100, testid: 'trend-chart', marks: marks,
        label: 'Score per pillar over time',
        series: pillars.map(function (k) { return { name: k, color: COLORS[k], values: runs.map(function (r) { return r.scores[k]; }) }; }) });
      var maxBlockers = Math.max.apply(null, runs.map(function (r) { return r.blockers; }).concat([1]));
      var blockers = lineChart({ width: 640, height: 120, pad: 12, count: runs.length, max: maxBlockers, testid: 'blockers-chart', marks: marks,
        label: 'Blockers over time', series: [{ name: 'blockers', color: '#cf222e', values: runs.map(function (r) { return r.blockers; }) }] });
      var rows = runs.slice().reverse().map(function (r, i, list) {
        var previous = list[i + 1];
        return h('tr', { 'data-testid': 'run-row' },
          h('td', null, h('a', { href: '/runs/' + r.id, 'data-testid': 'run-link' }, '#' + r.id)),
          h('td', null, r.startedAt.slice(0, 16).replace('T', ' ')),
          h('td', null, (r.branch || '-') + (r.commit ? '@' + r.commit.slice(0, 7) : '')),
          h('td', null, badge(r.ready ? 'ready' : 'blocker', verdictText(r))),
          h('td', null, String(r.blockers)),
          h('td', null, String(r.findings)),
          h('td', null, previous ? h('a', { href: '/projects/' + id + '/diff?from=' + previous.id + '&to=' + r.id, 'data-testid': 'diff-link' }, 'diff') : ''));
      });
      show(root, [nav(), h('header', { class: 'banner' }, h('h1', null, project ? project.name : 'Project ' + id),
        h('p', null, pillars.map(function (k) { return h('span', { class: 'key', style: 'color:' + COLORS[k] }, k + ' '); }))),
        h('main', null, section('trend', 'Verdict and scores over time', scores,
          h('p', { class: 'note' }, runs.map(function (r) { return r.ready ? 'R' : 'N'; }).join(' '))),
          section('blockers-trend', 'Blockers over time', blockers),
          section('runs', 'Runs', h('table', null, h('thead', null, h('tr', null,
            ['Run', 'Started', 'Commit', 'Verdict', 'Blockers', 'Findings', ''].map(function (t) { return h('th', null, t); }))),
            h('tbody', null, rows))))]);
    });
  }

  function runDetail(root, id) {
    return getJson('/api/runs/' + id).then(function (run) {
      var app = h('div', { 'data-testid': 'run-report' });
      show(root, [nav(), h('p', null, h('a', { href: '/projects/' + run.projectId }, 'Project history')), app]);
      P.renderReport(run.report, app);
    });
  }

  function diff(root, id, from, to) {
    return Promise.all([getJson('/api/runs/' + from), getJson('/api/runs/' + to)]).then(function (got) {
      var a = got[0].report, b = got[1].report;
      var before = {}, after = {};
      a.findings.forEach(function (f) { before[f.fingerprint] = f; });
      b.findings.forEach(function (f) { after[f.fingerprint] = f; });
      var added = b.findings.filter(function (f) { return !before[f.fingerprint]; });
      var fixed = a.findings.filter(function (f) { return !after[f.fingerprint]; });
      var outcomes = {};
      a.scenarios.forEach(function (sc) { outcomes[sc.id] = sc; });
      var changed = b.scenarios.filter(function (sc) { var old = outcomes[sc.id]; return !old || old.outcome !== sc.outcome; });
      var list = function (testid, findings) {
        return findings.length === 0 ? h('p', { 'data-testid': testid + '-none' }, 'None.') :
          h('ul', { 'data-testid': testid }, findings.map(function (f) {
            return h('li', null, badge(f.level, f.level), ' ', h('code', null, f.ruleId), ' ', f.message, ' ', h('span', { class: 'loc' }, P.loc(f.location)));
          }));
      };
      show(root, [nav(), h('header', { class: 'banner' }, h('h1', null, 'Run #' + from + ' \u2192 run #' + to),
        h('p', { 'data-testid': 'diff-summary' }, added.length + ' new, ' + fixed.length + ' fixed, ' + changed.length + ' scenario outcomes changed')),
        h('main', null,
          section('diff-new', 'New findings (' + added.length + ')', list('new-findings', added)),
          section('diff-fixed', 'Fixed findings (' + fixed.length + ')', list('fixed-findings', fixed)),
          section('diff-scenarios', 'Scenario outcomes that changed', changed.length === 0 ? h('p', null, 'None.') :
            h('ul', { 'data-testid': 'changed-scenarios' }, changed.map(function (sc) {
              var old = outcomes[sc.id];
              return h('li', null, h('code', null, sc.id), ' ', sc.title, ': ', old ? old.outcome : 'absent', ' \u2192 ', sc.outcome);
            }))),
          h('p', null, h('a', { href: '/projects/' + id }, 'Project history')))]);
    });
  }

  var root = document.getElementById('prodready-app');
  if (!root) return;
  var page = root.getAttribute('data-page');
  var id = root.getAttribute('data-id') || '';
  var work = page === 'overview' ? overview(root) : page === 'project' ? history(root, id) : page === 'run' ? runDetail(root, id)
    : page === 'diff' ? diff(root, id, root.getAttribute('data-from'), root.getAttribute('data-to')) : Promise.resolve();
  work.then(function () { root.setAttribute('data-ready', 'true'); }, function (error) {
    show(root, [nav(), h('p', { class: 'error', 'data-testid': 'error' }, String(error.message || error))]);
    root.setAttribute('data-ready', 'error');
  });
})();
