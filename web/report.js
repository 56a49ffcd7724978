// prodready report renderer for the browser. Plain ES2020, no dependencies, no network.
// `renderReport(report, root)` draws a Report (schemaVersion 1) into `root`; on load it renders the
// JSON embedded in <script type="application/json" id="prodready-report"> into #prodready-app.
// src/report/html-assets.generated.ts inlines this file (npm run docs); a dashboard can load it as is.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var PILLARS = ['availability', 'scalability', 'security', 'delivery', 'operations', 'cost'];
  var LEVELS = ['blocker', 'next', 'advice'];
  var MAX_ROWS = 1000;

  function h(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function s(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'onclick' || key === 'onchange' || key === 'oninput') node.addEventListener(key.slice(2), value);
      else if (key === 'style') node.style.cssText = String(value); // CSSOM: allowed under a strict style-src
      else node.setAttribute(key, String(value));
    });
  }
  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else if (typeof child === 'object') node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  function section(id, title) {
    var children = Array.prototype.slice.call(arguments, 2);
    return h('section', { id: id, 'data-testid': id }, h('h2', null, title), children);
  }
  function loc(location) {
    return location.file + ':' + location.line + (location.column > 1 ? ':' + location.column : '');
  }
  function pct(value) {
    return (Math.round(value * 100000) / 1000).toString() + '%';
  }
  function badge(kind, text) {
    return h('span', { class: 'badge ' + kind }, text);
  }

  function banner(report) {
    var v = report.verdict;
    var p = report.profile;
    var text = (v.ready ? 'READY' : 'NOT READY') + ' for ' + v.stage;
    var facts = ['stage ' + p.stage];
    if (p.sla !== undefined) facts.push('SLA ' + p.sla + '%');
    if (p.rto !== undefined) facts.push('RTO ' + p.rto);
    if (p.rpo !== undefined) facts.push('RPO ' + p.rpo);
    if (p.peakRps !== undefined) facts.push('peak ' + p.peakRps + ' rps');
    if (p.cloud !== undefined) facts.push('cloud ' + p.cloud);
    if (p.compliance && p.compliance.length) facts.push('compliance ' + p.compliance.join(', '));
    return h(
      'header',
      { class: 'banner ' + (v.ready ? 'ready' : 'not-ready'), 'data-testid': 'verdict' },
      h('h1', null, text),
      h(
        'p',
        { class: 'counts' },
        v.blockers + ' blocker' + (v.blockers === 1 ? '' : 's') + ': ' + v.blockerFindings + ' finding' +
          (v.blockerFindings === 1 ? '' : 's') + ', ' + v.blockerAttestations + ' attestation' +
          (v.blockerAttestations === 1 ? '' : 's') + ', ' + v.blockerScenarios + ' scenario' +
          (v.blockerScenarios === 1 ? '' : 's'),
      ),
      h('p', { class: 'profile' }, facts.join(' \u00b7 ')),
      h('p', { class: 'run' }, report.run.tool + ' ' + report.run.version),
    );
  }

  function scoreColor(score) {
    return score >= 80 ? '#1a7f37' : score >= 50 ? '#bf8700' : '#cf222e';
  }

  function scoresChart(report) {
    var scores = report.verdict.scores || {};
    var pillars = PILLARS.filter(function (p) { return scores[p] !== undefined; });
    var row = 30;
    var left = 110;
    var width = 520;
    var bar = width - left - 50;
    var height = Math.max(pillars.length, 1) * row + 24;
    var svg = s('svg', {
      class: 'chart', 'data-testid': 'scores-chart', viewBox: '0 0 ' + width + ' ' + height,
      width: width, height: height, role: 'img', 'aria-label': 'Scores per pillar',
    });
    [0, 50, 100].forEach(function (tick) {
      var x = left + (bar * tick) / 100;
      svg.appendChild(s('line', { x1: x, x2: x, y1: 0, y2: height - 18, class: 'grid' }));
      svg.appendChild(s('text', { x: x, y: height - 4, 'text-anchor': 'middle', class: 'tick' }, String(tick)));
    });
    pillars.forEach(function (pillar, i) {
      var score = scores[pillar];
      var y = i * row + 4;
      svg.appendChild(s('text', { x: left - 8, y: y + 16, 'text-anchor': 'end' }, pillar));
      svg.appendChild(s('rect', { x: left, y: y, width: bar, height: 20, class: 'track' }));
      svg.appendChild(
        s('rect', { x: left, y: y, width: Math.max(0, (bar * score) / 100), height: 20, fill: scoreColor(score) },
          s('title', null, pillar + ': ' + score)),
      );
      svg.appendChild(s('text', { x: left + bar + 8, y: y + 16 }, String(score)));
    });
    if (pillars.length === 0) svg.appendChild(s('text', { x: 10, y: 20 }, 'No pillar was scored.'));
    var notExamined = report.verdict.coverage.pillars.notExamined;
    return section('scores', 'Scores per pillar', svg,
      notExamined.length ? h('p', { class: 'note' }, 'Not examined: ' + notExamined.join(', ')) : null);
  }

  function blockers(report) {
    var items = [];
    report.findings.forEach(function (f) {
      if (f.level === 'blocker' && f.suppressed === undefined)
        items.push(h('li', null, h('code', null, f.ruleId), ' ', f.message, ' ', h('span', { class: 'loc' }, loc(f.location))));
    });
    report.attestations.forEach(function (a) {
      if (a.level === 'blocker' && (a.state === 'missing' || a.state === 'expired'))
        items.push(h('li', null, badge('attestation', 'attestation ' + a.state), ' ', h('code', null, a.id), ' ', a.title, ' \u2014 ', a.evidence));
    });
    report.scenarios.forEach(function (sc) {
      if (sc.failing === true && sc.level === 'blocker')
        items.push(h('li', null, badge('scenario', 'scenario ' + sc.outcome), ' ', h('code', null, sc.id), ' ', sc.title));
    });
    var next = report.verdict.nextStage;
    return section(
      'blockers', 'Blockers',
      items.length ? h('ul', { class: 'blocker-list' }, items) : h('p', null, 'No blockers.'),
      next
        ? h('div', { 'data-testid': 'next-stage' },
            h('h3', null, 'Before ' + next.stage),
            next.rules.length + next.attestations.length === 0
              ? h('p', null, 'Nothing more is required.')
              : h('ul', null,
                  next.rules.map(function (r) { return h('li', null, 'rule ', h('code', null, r)); }),
                  next.attestations.map(function (a) { return h('li', null, 'attestation ', h('code', null, a)); })))
        : null,
    );
  }

  function findingsTable(report) {
    var state = { pillar: 'all', level: 'all', file: 'all', text: '' };
    var tbody = h('tbody', { 'data-testid': 'findings-rows' });
    var count = h('p', { class: 'count', 'data-testid': 'findings-count' });
    var files = Array.from(new Set(report.findings.map(function (f) { return f.location.file; }))).sort();

    function refresh() {
      var shown = report.findings.filter(function (f) {
        return (state.pillar === 'all' || f.pillar === state.pillar) &&
          (state.level === 'all' || f.level === state.level) &&
          (state.file === 'all' || f.location.file === state.file) &&
          (state.text === '' || (f.ruleId + ' ' + f.message + ' ' + loc(f.location)).toLowerCase().indexOf(state.text) >= 0);
      });
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      shown.slice(0, MAX_ROWS).forEach(function (f) {
        tbody.appendChild(h('tr', { class: f.suppressed ? 'suppressed' : null },
          h('td', null, badge(f.level, f.level)),
          h('td', null, f.pillar),
          h('td', null, h('code', null, f.ruleId)),
          h('td', null, f.message,
            f.suppressed ? h('div', { class: 'note' }, 'suppressed: ' + f.suppressed.reason) : null,
            f.change ? h('div', { class: 'note' }, f.change) : null),
          h('td', { class: 'loc' }, loc(f.location))));
      });
      count.textContent = 'Showing ' + Math.min(shown.length, MAX_ROWS) + ' of ' + shown.length +
        ' matching (' + report.findings.length + ' findings in all)';
      Array.prototype.forEach.call(root.querySelectorAll('button[data-filter]'), function (b) {
        b.setAttribute('aria-pressed', String(state[b.getAttribute('data-filter')] === b.getAttribute('data-value')));
      });
    }
    function group(name, values) {
      return h('div', { class: 'filter-group', role: 'group', 'aria-label': name },
        h('span', { class: 'filter-label' }, name + ':'),
        ['all'].concat(values).map(function (value) {
          var n = value === 'all' ? report.findings.length
            : report.findings.filter(function (f) { return f[name] === value; }).length;
          return h('button', {
            type: 'button', 'data-filter': name, 'data-value': value, 'data-testid': 'filter-' + name + '-' + value,
            onclick: function () { state[name] = value; refresh(); },
          }, value + ' (' + n + ')');
        }));
    }
    var select = h('select', {
      'data-testid': 'filter-file', 'aria-label': 'file',
      onchange: function (event) { state.file = event.target.value; refresh(); },
    }, h('option', { value: 'all' }, 'all files'), files.map(function (file) { return h('option', { value: file }, file); }));
    var root = section('findings', 'Findings',
      h('div', { class: 'filters' }, group('pillar', PILLARS), group('level', LEVELS),
        h('div', { class: 'filter-group' }, h('span', { class: 'filter-label' }, 'file:'), select),
        h('div', { class: 'filter-group' }, h('span', { class: 'filter-label' }, 'search:'),
          h('input', { type: 'search', 'data-testid': 'findings-search', 'aria-label': 'search findings',
            oninput: function (event) { state.text = event.target.value.trim().toLowerCase(); refresh(); } }))),
      count,
      h('table', null,
        h('thead', null, h('tr', null, ['Level', 'Pillar', 'Rule', 'Message', 'Location'].map(function (t) { return h('th', null, t); }))),
        tbody));
    refresh();
    return root;
  }

  function scenarioMatrix(report) {
    var names = [];
    report.scenarios.forEach(function (sc) {
      sc.paths.forEach(function (p) { if (names.indexOf(p.name) < 0) names.push(p.name); });
    });
    var rows = report.scenarios.map(function (sc) {
      return h('tr', { class: sc.failing ? 'failing' : null },
        h('th', { scope: 'row' }, h('div', null, sc.title), h('div', { class: 'note' }, h('code', null, sc.id), ' ', sc.question)),
        h('td', null, badge(sc.outcome, sc.outcome), sc.level ? ' ' : null, sc.level ? badge(sc.level, sc.level) : null,
          sc.failing ? h('div', { class: 'note' }, 'not accepted at this stage') : null),
        names.map(function (name) {
          var path = sc.paths.find(function (p) { return p.name === name; });
          if (!path) return h('td', { class: 'empty' }, '\u2014');
          var detail = [];
          if (path.availability !== undefined) detail.push('availability ' + pct(path.availability));
          if (path.recoverySeconds !== undefined) detail.push('recovery ' + path.recoverySeconds + ' s');
          if (path.dataLossSeconds !== undefined) detail.push('data loss ' + path.dataLossSeconds + ' s');
          if (path.failing.length) detail.push('failing: ' + path.failing.join(', '));
          return h('td', { class: 'cell ' + path.outcome, title: path.reason },
            h('strong', null, path.outcome), detail.length ? h('div', { class: 'note' }, detail.join(' \u00b7 ')) : null);
        }));
    });
    return section('scenarios', 'Scenario matrix',
      report.scenarios.length === 0 ? h('p', null, 'No scenarios.') :
      h('table', { class: 'matrix', 'data-testid': 'scenario-matrix' },
        h('thead', null, h('tr', null, h('th', null, 'Scenario'), h('th', null, 'Outcome'),
          names.map(function (n) { return h('th', { class: 'path' }, n); }))),
        h('tbody', null, rows)));
  }

  function availability(report) {
    var ceiling = report.scenarios.find(function (sc) { return sc.id === 'availability-ceiling'; });
    var sla = report.profile.sla;
    if (!ceiling) return section('availability', 'Availability ceiling', h('p', null, 'No availability scenario.'));
    var width = 560;
    var left = 170;
    var bar = width - left - 90;
    var paths = ceiling.paths.filter(function (p) { return p.availability !== undefined; });
    var lo = Math.min.apply(null, paths.map(function (p) { return p.availability * 100; }).concat(sla === undefined ? [] : [sla]));
    lo = Math.max(0, Math.floor(Math.min(lo, 99) - 0.5));
    var scale = function (value) { return left + (bar * (value - lo)) / (100 - lo); };
    var height = (paths.length + 1) * 30 + 30;
    var svg = s('svg', { class: 'chart', 'data-testid': 'availability-chart', viewBox: '0 0 ' + width + ' ' + height,
      width: width, height: height, role: 'img', 'aria-label': 'Availability ceiling against the SLA' });
    [lo, (lo + 100) / 2, 100].forEach(function (tick) {
      svg.appendChild(s('line', { x1: scale(tick), x2: scale(tick), y1: 0, y2: height - 20, class: 'grid' }));
      svg.appendChild(s('text', { x: scale(tick), y: height - 6, 'text-anchor': 'middle', class: 'tick' }, tick + '%'));
    });
    paths.forEach(function (p, i) {
      var y = i * 30 + 6;
      var value = p.availability * 100;
      var ok = sla === undefined || value >= sla;
      svg.appendChild(s('text', { x: left - 8, y: y + 15, 'text-anchor': 'end' }, p.name));
      svg.appendChild(s('rect', { x: left, y: y, width: bar, height: 20, class: 'track' }));
      svg.appendChild(s('rect', { x: left, y: y, width: Math.max(0, scale(value) - left), height: 20,
        fill: ok ? '#1a7f37' : '#cf222e' }, s('title', null, p.name + ': ' + pct(p.availability))));
      svg.appendChild(s('text', { x: left + bar + 6, y: y + 15 }, pct(p.availability)));
    });
    if (sla !== undefined) {
      svg.appendChild(s('line', { x1: scale(sla), x2: scale(sla), y1: 0, y2: height - 24, class: 'sla' }));
      svg.appendChild(s('text', { x: scale(sla), y: paths.length * 30 + 20, 'text-anchor': 'middle', class: 'sla-label' }, 'SLA ' + sla + '%'));
    }
    var b = ceiling.budget;
    var budget = null;
    if (b) {
      var used = Math.min(b.consumedPercent, 100);
      budget = h('div', { class: 'budget', 'data-testid': 'error-budget' },
        h('p', null, 'Error budget at SLA ' + b.sla + '%: ' + b.budgetMinutes + ' min a month; the ceiling allows ' +
          b.ceilingDowntimeMinutes + ' min of downtime, ' + b.consumedPercent + '% of the budget.'),
        h('div', { class: 'meter' }, h('div', { class: 'fill ' + (b.consumedPercent > 100 ? 'over' : 'ok'), style: 'width:' + used + '%' })));
    }
    return section('availability', 'Availability ceiling vs SLA',
      h('p', null, ceiling.question), svg, budget,
      ceiling.assumptions.length ? h('details', null, h('summary', null, 'Assumptions'),
        h('ul', null, ceiling.assumptions.map(function (a) { return h('li', null, a); }))) : null);
  }

  function graph(report) {
    var model = report.model;
    var nodes = [];
    var info = {};
    function add(id, kind) { if (!(id in info)) { info[id] = kind; nodes.push(id); } }
    model.edges.forEach(function (e) { add(e.from, 'other'); add(e.to, 'other'); });
    model.services.forEach(function (sv) { add(sv.id, 'service'); info[sv.id] = 'service'; });
    model.datastores.forEach(function (d) { add(d.id, 'datastore'); info[d.id] = 'datastore'; });
    if (nodes.length === 0) return section('graph', 'Service dependencies', h('p', null, 'No services were found.'));
    var depth = {};
    nodes.forEach(function (n) { depth[n] = 0; });
    for (var round = 0; round < nodes.length; round++) {
      var changed = false;
      model.edges.forEach(function (e) {
        if (depth[e.to] < depth[e.from] + 1 && depth[e.from] + 1 < nodes.length) { depth[e.to] = depth[e.from] + 1; changed = true; }
      });
      if (!changed) break;
    }
    // Pull each node with no incoming edge next to the nearest node it points to.
    nodes.forEach(function (n) {
      if (model.edges.some(function (e) { return e.to === n; })) return;
      var targets = model.edges.filter(function (e) { return e.from === n; }).map(function (e) { return depth[e.to]; });
      if (targets.length) depth[n] = Math.max(0, Math.min.apply(null, targets) - 1);
    });
    var layers = [];
    nodes.forEach(function (n) { (layers[depth[n]] = layers[depth[n]] || []).push(n); });
    layers = layers.filter(Boolean);
    var colW = 220, rowH = 56, boxW = 190, boxH = 38;
    var tallest = Math.max.apply(null, layers.map(function (l) { return l.length; }));
    var width = layers.length * colW + 20, height = tallest * rowH + 20;
    var pos = {};
    layers.forEach(function (layer, c) {
      layer.sort();
      layer.forEach(function (n, r) { pos[n] = { x: 10 + c * colW, y: 10 + r * rowH + ((tallest - layer.length) * rowH) / 2 }; });
    });
    var svg = s('svg', { class: 'chart graph', 'data-testid': 'dependency-graph', viewBox: '0 0 ' + width + ' ' + height,
      width: width, height: height, role: 'img', 'aria-label': 'Service dependency graph' },
      s('defs', null, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }))));
    model.edges.forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      var back = b.x <= a.x;
      var x1 = back ? a.x + boxW / 2 : a.x + boxW, y1 = a.y + (back ? boxH : boxH / 2);
      var x2 = back ? b.x + boxW / 2 : b.x, y2 = b.y + (back ? boxH : boxH / 2);
      var mx = (x1 + x2) / 2;
      svg.appendChild(s('path', { d: back ? 'M ' + x1 + ' ' + y1 + ' C ' + x1 + ' ' + (y1 + 40) + ' ' + x2 + ' ' + (y2 + 40) + ' ' + x2 + ' ' + y2
        : 'M ' + x1 + ' ' + y1 + ' C ' + mx + ' ' + y1 + ' ' + mx + ' ' + y2 + ' ' + x2 + ' ' + y2,
        class: 'edge ' + e.kind, 'marker-end': 'url(#arrow)' }, s('title', null, e.from + ' ' + e.kind + ' ' + e.to + ' (' + loc(e.evidence) + ')')));
    });
    nodes.forEach(function (n) {
      var p = pos[n];
      var parts = n.split('/');
      var label = parts[parts.length - 1];
      svg.appendChild(s('g', { class: 'node ' + info[n], transform: 'translate(' + p.x + ',' + p.y + ')' },
        s('title', null, n),
        s('rect', { width: boxW, height: boxH, rx: 6 }),
        s('text', { x: 8, y: 15, class: 'kind' }, parts[0]),
        s('text', { x: 8, y: 31 }, label.length > 26 ? label.slice(0, 25) + '\u2026' : label)));
    });
    return section('graph', 'Service dependencies', h('div', { class: 'scroll' }, svg),
      h('p', { class: 'legend' }, h('span', { class: 'key service' }, 'service'), ' ', h('span', { class: 'key datastore' }, 'datastore'), ' ',
        h('span', { class: 'key other' }, 'ingress / other'), ' \u2014 edges: routes-to, calls, depends-on (dashed), selects'));
  }

  function attestations(report) {
    return section('attestations', 'Attestations',
      report.attestations.length === 0 ? h('p', null, 'No practices need attesting for this profile.') :
      h('table', null,
        h('thead', null, h('tr', null, ['State', 'Level', 'Practice', 'Evidence'].map(function (t) { return h('th', null, t); }))),
        h('tbody', null, report.attestations.map(function (a) {
          var evidence = a.detected ? 'detected: ' + a.detected.description + ' (' + a.detected.file + (a.detected.line ? ':' + a.detected.line : '') + ')'
            : a.attested ? 'attested by ' + a.attested.by + ' on ' + a.attested.date + ': ' + a.attested.evidence + (a.expires ? ' (until ' + a.expires + ')' : '')
            : a.evidence;
          return h('tr', null, h('td', null, badge(a.state, a.state)), h('td', null, badge(a.level, a.level)),
            h('td', null, a.title, h('div', { class: 'note' }, h('code', null, a.id))), h('td', null, evidence));
        }))));
  }

  function coverage(report) {
    var c = report.verdict.coverage;
    var rules = Object.keys(c.rules).map(function (k) { return k + ' ' + c.rules[k]; }).join(' \u00b7 ');
    var kinds = Object.keys(c.files.byKind).map(function (k) { return k + ' ' + c.files.byKind[k]; }).join(' \u00b7 ');
    var facts = [
      ['Files', c.files.recognised + ' recognised, ' + c.files.examined + ' examined, ' + c.files.other + ' other, ' + c.files.ignored + ' ignored'],
      ['By kind', kinds || 'none'],
      ['Rules', rules],
      ['Pillars examined', c.pillars.examined.join(', ') || 'none'],
      ['Pillars not examined', c.pillars.notExamined.join(', ') || 'none'],
      ['Kubernetes objects', c.documents.kubernetesObjects + ' (other YAML documents ' + c.documents.other + ')'],
      ['Parse issues', String(c.parseIssues)],
      ['Undecided', String(c.undecided.length)],
      ['Skipped files', String(c.skipped.length)],
    ];
    if (c.files.notExamined.length) facts.push(['Not read yet', c.files.notExamined.map(function (n) { return n.kind + ' ' + n.files; }).join(', ')]);
    if (c.judgedEnvironment) facts.push(['Judged environment', c.judgedEnvironment.name + ': ' + c.judgedEnvironment.reason]);
    if (c.config) facts.push(['Config', c.config]);
    var issues = report.parseIssues.map(function (i) { return h('li', null, h('span', { class: 'loc' }, loc(i)), ' ', i.message); });
    var undecided = c.undecided.map(function (u) { return h('li', null, h('code', null, u.ruleId), ' ', h('span', { class: 'loc' }, loc(u)), ' ', u.reason); });
    return section('coverage', 'Coverage',
      h('dl', null, facts.map(function (f) { return [h('dt', null, f[0]), h('dd', null, f[1])]; })),
      issues.length ? [h('h3', null, 'Parse issues'), h('ul', null, issues)] : null,
      undecided.length ? h('details', null, h('summary', null, 'Where rules could not decide'), h('ul', null, undecided)) : null);
  }

  function renderReport(report, root) {
    while (root.firstChild) root.removeChild(root.firstChild);
    append(root, [banner(report),
      h('main', null, scoresChart(report), blockers(report), findingsTable(report), scenarioMatrix(report),
        availability(report), graph(report), attestations(report), coverage(report))]);
  }

  if (typeof window !== 'undefined') {
    window.prodreadyRenderReport = renderReport;
    // The components, shared with the dashboard (web/dashboard.js).
    window.prodready = {
      h: h, s: s, append: append, section: section, badge: badge, loc: loc, scoreColor: scoreColor, PILLARS: PILLARS,
      renderReport: renderReport, banner: banner, scoresChart: scoresChart, blockers: blockers,
      findingsTable: findingsTable, scenarioMatrix: scenarioMatrix, availability: availability, graph: graph,
      attestations: attestations, coverage: coverage,
    };
  }
  if (typeof document !== 'undefined') {
    var data = document.getElementById('prodready-report');
    var app = document.getElementById('prodready-app');
    if (data && app) renderReport(JSON.parse(data.textContent || 'null'), app);
  }
})();
