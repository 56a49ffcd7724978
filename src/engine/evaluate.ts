import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { type ParseIssue, pointerTo, resolvePointer, type SourceLocation } from '../core/source.js';
import { EXAMINED_SOURCE_KINDS, type SourceKind } from '../core/source-kinds.js';
import { type Level, PILLARS, type Pillar } from '../core/vocabulary.js';
import type { Discovery } from '../discover/discover.js';
import { hasReplicas } from '../model/build.js';
import type { SystemModel } from '../model/types.js';
import type { ParsedSources } from '../parse/parse-sources.js';
import { engineOfImage } from '../reference/engines.js';
import type { Rule, RuleFinding } from '../rules/define-rule.js';
import { LEVEL_RANK, levelFor } from './levels.js';
import {
  type Coverage,
  type Evaluation,
  type ModelSummary,
  type ReportFinding,
  type ReportParseIssue,
  type ReportProfile,
  SCHEMA_VERSION,
  type UnusedSuppression,
} from './report-types.js';

export interface EvaluationInput {
  readonly discovery: Discovery;
  readonly parsed: ParsedSources;
  readonly model: SystemModel;
  readonly rules: readonly Rule[];
  readonly config: Config;
  /** Today's date (YYYY-MM-DD), for expiry; the engine never reads the clock. */
  readonly today: string;
}

/** Weight of a rule in its pillar's score, by the level it has for the profile. */
const SCORE_WEIGHT: Readonly<Record<Level, number>> = { blocker: 3, next: 2, advice: 1 };

interface SuppressionSite {
  readonly key: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly at: SourceLocation;
}

/**
 * Runs the rules over the model and assembles the report: locates, levels and suppresses each
 * finding, sorts everything deterministically, scores the pillars and states the coverage.
 * Pure: the same input gives the same evaluation.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const { discovery, parsed, model, rules } = input;
  const profile = reportProfile(input.config);
  const knownRules = new Set(rules.map((rule) => rule.id));
  const used = new Set<string>();

  const annotationSites = new Map<string, SuppressionSite[]>();
  for (const node of model.nodes) {
    annotationSites.set(
      node.id,
      node.suppressions.map((suppression) => {
        const at = resolvePointer(suppression.source);
        return {
          key: `annotation:${node.id}:${suppression.ruleId}`,
          ruleId: suppression.ruleId,
          reason: suppression.reason,
          at,
        };
      }),
    );
  }
  const commentSites = parsed.suppressionComments.map((comment) => ({
    key: `comment:${comment.file}:${comment.line}:${comment.ruleId}`,
    ruleId: comment.ruleId,
    reason: comment.reason,
    at: { file: comment.file, line: comment.line, column: 1 } as SourceLocation,
    fromLine: comment.fromLine,
    toLine: comment.toLine,
  }));

  const findings: ReportFinding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const level = levelFor(rule.requiredFrom, profile.stage);
    for (const raw of rule.run(model).findings) {
      const location = resolvePointer(raw.at);
      const fingerprint = fingerprintOf(raw, location.file);
      const dedupeKey = `${fingerprint}:${location.line}:${location.column}`;
      if (seen.has(dedupeKey)) continue;
      seen.add(dedupeKey);
      const suppression =
        (annotationSites.get(raw.node.id) ?? []).find((site) => site.ruleId === rule.id && site.reason !== '') ??
        commentSites.find(
          (site) =>
            site.ruleId === rule.id &&
            site.reason !== '' &&
            site.at.file === location.file &&
            site.fromLine <= location.line &&
            location.line <= site.toLine,
        );
      if (suppression !== undefined) used.add(suppression.key);
      findings.push({
        ruleId: rule.id,
        messageId: raw.messageId,
        pillar: rule.pillar,
        level,
        message: raw.message,
        location: { file: location.file, line: location.line, column: location.column },
        object: raw.node.object,
        ...(suppression === undefined ? {} : { suppressed: { reason: suppression.reason } }),
        fingerprint,
      });
    }
  }
  findings.sort(compareFindings);

  const suppressions: UnusedSuppression[] = [...[...annotationSites.values()].flat(), ...commentSites]
    .flatMap((site): UnusedSuppression[] => {
      const problem = !knownRules.has(site.ruleId)
        ? 'unknown-rule'
        : site.reason === ''
          ? 'no-reason'
          : used.has(site.key)
            ? undefined
            : 'unused';
      return problem === undefined
        ? []
        : [{ ruleId: site.ruleId, file: site.at.file, line: site.at.line, column: site.at.column, problem }];
    })
    .sort((a, b) => compareLocations(a, b) || compareText(a.ruleId, b.ruleId));

  const parseIssues = [...discovery.issues, ...parsed.issues, ...model.issues]
    .map(toReportIssue)
    .sort((a, b) => compareLocations(a, b) || compareText(a.message, b.message));

  const active = findings.filter((finding) => finding.suppressed === undefined);
  const blockers = active.filter((finding) => finding.level === 'blocker').length;
  const failing = new Set(active.map((finding) => finding.ruleId));

  const scores: Partial<Record<Pillar, number>> = {};
  for (const pillar of PILLARS) {
    const pillarRules = rules.filter((rule) => rule.pillar === pillar);
    if (pillarRules.length === 0) continue;
    let total = 0;
    let passed = 0;
    for (const rule of pillarRules) {
      const weight = SCORE_WEIGHT[levelFor(rule.requiredFrom, profile.stage)];
      total += weight;
      if (!failing.has(rule.id)) passed += weight;
    }
    scores[pillar] = Math.round((100 * passed) / total);
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    profile,
    verdict: {
      ready: blockers === 0,
      stage: profile.stage,
      blockers,
      scores,
      coverage: buildCoverage(input, parseIssues.length),
    },
    findings,
    scenarios: [],
    parseIssues,
    rules: rules.map((rule) => ({
      id: rule.id,
      pillar: rule.pillar,
      title: rule.title,
      requiredFrom: rule.requiredFrom,
      status: rule.status,
      level: levelFor(rule.requiredFrom, profile.stage),
    })),
    model: summariseModel(model),
    suppressions,
  };

  function fingerprintOf(raw: RuleFinding, file: string): string {
    const parts = [raw.ruleId, raw.messageId, file, raw.node.id, raw.at.path.join('/')];
    return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
  }
}

/** The profile part of the config, as the report shows it. */
export function reportProfile(config: Config): ReportProfile {
  return {
    stage: config.stage,
    ...(config.sla === undefined ? {} : { sla: config.sla }),
    ...(config.rto === undefined ? {} : { rto: config.rto }),
    ...(config.rpo === undefined ? {} : { rpo: config.rpo }),
    ...(config.peakRps === undefined ? {} : { peakRps: config.peakRps }),
    compliance: config.compliance,
    ...(config.cloud === undefined ? {} : { cloud: config.cloud }),
  };
}

function buildCoverage(input: EvaluationInput, parseIssueCount: number): Coverage {
  const { discovery, parsed, model, rules } = input;
  const byKind: Partial<Record<SourceKind, number>> = {};
  for (const file of discovery.files) byKind[file.kind] = (byKind[file.kind] ?? 0) + 1;
  const sortedByKind = Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => compareText(a, b)));
  const notExamined = Object.entries(byKind)
    .filter(([kind]) => !EXAMINED_SOURCE_KINDS.includes(kind as SourceKind) && kind !== 'yaml' && kind !== 'json')
    .map(([kind, files]) => ({ kind: kind as SourceKind, files: files ?? 0 }))
    .sort((a, b) => compareText(a.kind, b.kind));

  const modelled: Record<string, number> = {};
  for (const node of model.nodes) modelled[node.object.kind] = (modelled[node.object.kind] ?? 0) + 1;
  const unmodelledCounts = new Map<string, { apiVersion: string; kind: string; count: number; known: boolean }>();
  for (const object of model.unmodelled) {
    const key = `${object.apiVersion}\u0000${object.kind}`;
    const entry = unmodelledCounts.get(key);
    if (entry === undefined)
      unmodelledCounts.set(key, { apiVersion: object.apiVersion, kind: object.kind, count: 1, known: object.known });
    else entry.count += 1;
  }
  const examinedPillars = PILLARS.filter((pillar) => rules.some((rule) => rule.pillar === pillar));
  return {
    files: {
      recognised: discovery.files.length,
      examined: parsed.examinedFiles,
      byKind: sortedByKind,
      notExamined,
      other: discovery.otherFiles,
      ignored: discovery.ignored,
    },
    skipped: discovery.skipped.map((skip) => ({ file: skip.path, reason: skip.reason })),
    documents: { kubernetesObjects: parsed.kubernetes.length, other: parsed.otherDocuments },
    objects: {
      modelled: Object.fromEntries(Object.entries(modelled).sort(([a], [b]) => compareText(a, b))),
      unmodelled: [...unmodelledCounts.values()].sort(
        (a, b) => compareText(a.kind, b.kind) || compareText(a.apiVersion, b.apiVersion),
      ),
    },
    parseIssues: parseIssueCount,
    pillars: {
      examined: examinedPillars,
      notExamined: PILLARS.filter((pillar) => !examinedPillars.includes(pillar)),
    },
  };
}

function summariseModel(model: SystemModel): ModelSummary {
  const services: ModelSummary['services'][number][] = [];
  const datastores: ModelSummary['datastores'][number][] = [];
  for (const workload of model.workloads) {
    if (workload.workloadKind === 'Job' || workload.workloadKind === 'CronJob') continue;
    const replicas = hasReplicas(workload.workloadKind) ? model.effectiveReplicas(workload) : undefined;
    const engine = workload.pod.containers
      .map((container) => (container.image === undefined ? undefined : engineOfImage(container.image)))
      .find((found) => found !== undefined);
    const replicaField = replicas === undefined ? {} : { replicas };
    if (engine !== undefined) {
      datastores.push({
        id: workload.id,
        engine: engine.engine,
        category: engine.category,
        managed: false,
        ...replicaField,
      });
    } else {
      services.push({
        id: workload.id,
        kind: workload.workloadKind,
        name: workload.name,
        namespace: workload.namespace,
        ...replicaField,
        serving: model.isServing(workload),
      });
    }
  }
  const edges: ModelSummary['edges'][number][] = [];
  for (const route of model.routes) {
    for (const backend of model.routeBackends(route)) {
      if (backend.service === undefined) continue;
      edges.push({
        from: route.id,
        to: backend.service.id,
        kind: 'routes-to',
        evidence: locationOf(resolvePointer(backend.backend.source)),
      });
    }
  }
  for (const service of model.services) {
    for (const workload of model.workloadsSelectedBy(service)) {
      edges.push({
        from: service.id,
        to: workload.id,
        kind: 'selects',
        evidence: locationOf(resolvePointer(pointerTo(service.source, 'spec', 'selector'))),
      });
    }
  }
  return { services, datastores, edges };
}

function locationOf(location: SourceLocation): { file: string; line: number; column: number } {
  return { file: location.file, line: location.line, column: location.column };
}

function toReportIssue(issue: ParseIssue): ReportParseIssue {
  return { file: issue.file, line: issue.line, column: issue.column, message: issue.message };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocations(
  a: { readonly file: string; readonly line: number; readonly column: number },
  b: { readonly file: string; readonly line: number; readonly column: number },
): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareLocations(a.location, b.location) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.messageId, b.messageId) ||
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    compareText(a.fingerprint, b.fingerprint)
  );
}
