import { hash } from 'node:crypto';
import type { AttestationDefinition } from '../attestations/define-attestation.js';
import type { ConfigLocations } from '../config/parse.js';
import type { Config } from '../config/schema.js';
import type { Profile } from '../core/profile.js';
import { type ParseIssue, pointerTo, resolvePointer, type SourceLocation } from '../core/source.js';
import type { SourceKind } from '../core/source-kinds.js';
import { type Level, nextStage, PILLARS, type Pillar } from '../core/vocabulary.js';
import type { Discovery } from '../discover/discover.js';
import { hasReplicas } from '../model/build.js';
import type { SystemModel } from '../model/types.js';
import type { ChartCoverage, ParsedSources } from '../parse/parse-sources.js';
import { COMPLIANCE_CONTROLS, FRAMEWORK_SOURCES } from '../reference/compliance.js';
import { engineOfImage } from '../reference/engines.js';
import type { Rule, RuleFinding } from '../rules/define-rule.js';
import { type Scenario, worstOutcome } from '../scenarios/define-scenario.js';
import { evaluateAttestations } from './attestation-states.js';
import { complianceReport } from './compliance.js';
import { decideLevel, LEVEL_RANK } from './levels.js';
import {
  type AttestationState,
  type Coverage,
  type Evaluation,
  type InternalError,
  type InternalErrorKind,
  type ModelSummary,
  type ReportAttestation,
  type ReportFinding,
  type ReportParseIssue,
  type ReportRule,
  type ReportScenario,
  RULE_OUTCOMES,
  type RuleOutcome,
  SCHEMA_VERSION,
  type Verdict,
} from './report-types.js';
import { collectSuppressions } from './suppress.js';

export interface EvaluationInput {
  readonly discovery: Discovery;
  readonly parsed: ParsedSources;
  readonly model: SystemModel;
  readonly rules: readonly Rule[];
  readonly attestations: readonly AttestationDefinition[];
  /** The what-if scenarios to run over the model. */
  readonly scenarios?: readonly Scenario[];
  /** The traffic scenario's N (load = N × peakRps); the scenario's default when absent. */
  readonly trafficMultiplier?: number;
  readonly config: Config;
  /** The prodready.yaml the config came from, relative to the scan root. */
  readonly configFile?: string;
  readonly configLocations?: ConfigLocations;
  /** Helm charts of the tree and whether they were rendered. */
  readonly charts?: readonly ChartCoverage[];
  /** Today's date (YYYY-MM-DD), for expiry; the engine never reads the clock. */
  readonly today: string;
  /**
   * Told when a rule, attestation detector or scenario throws (a bug in prodready), with the
   * error itself so the CLI can show its stack under --debug. The report keeps only the message.
   */
  readonly onInternalError?: (failure: InternalFailure) => void;
}

/** A rule, attestation detector or scenario that threw, with what it threw. */
export interface InternalFailure {
  readonly kind: InternalErrorKind;
  readonly id: string;
  readonly error: unknown;
}

/** The message of something thrown, without its stack: what the report may show. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Weight of a practice in its pillar's score by its level: a blocker weighs ten times advice,
 * so a pillar with one open blocker cannot score well however much advice it follows.
 */
export const SCORE_WEIGHT: Readonly<Record<Level, number>> = { blocker: 10, next: 3, advice: 1 };

/**
 * Runs the rules over the model and assembles the report: levels each practice for the profile,
 * locates and suppresses each finding, states the attestations and the compliance controls,
 * scores the pillars, gives the verdict and the coverage. Pure: the same input gives the same
 * evaluation.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const { discovery, parsed, model, rules, config } = input;
  const profile = reportProfile(config);
  const suppressions = collectSuppressions({
    nodes: model.nodes,
    comments: parsed.suppressionComments,
    ignore: config.ignore,
    configFile: input.configFile,
    locations: input.configLocations ?? { ignore: [], attestations: {} },
    today: input.today,
  });

  const findings: ReportFinding[] = [];
  const undecided: Coverage['undecided'][number][] = [];
  const ruleReports: ReportRule[] = [];
  const seen = new Set<string>();
  const errors: InternalError[] = [];
  const failed = (kind: InternalErrorKind, id: string, error: unknown): string => {
    const message = errorMessage(error);
    errors.push({ kind, id, message });
    input.onInternalError?.({ kind, id, error });
    return message;
  };
  for (const rule of rules) {
    const decision = decideLevel(rule, profile, COMPLIANCE_CONTROLS, 'rules');
    const override = config.overrides[rule.id];
    const metadata = {
      id: rule.id,
      pillar: rule.pillar,
      title: rule.title,
      requiredFrom: decision.requiredFrom,
      status: rule.status,
      ...(decision.because.length === 0 ? {} : { because: decision.because }),
      ...(override === undefined ? {} : { override }),
    };
    if (override?.level === 'off') {
      ruleReports.push({ ...metadata, level: decision.level, outcome: 'off' });
      continue;
    }
    const level = override?.level ?? decision.level;
    let run: ReturnType<Rule['run']>;
    try {
      run = rule.run(model);
    } catch (error) {
      // A bug in the rule: reported as errored, and the other rules still run.
      ruleReports.push({ ...metadata, level, outcome: 'error', error: failed('rule', rule.id, error) });
      continue;
    }
    let failing = false;
    for (const raw of run.findings) {
      const location = resolvePointer(raw.at);
      const fingerprint = fingerprintOf(raw, location.file);
      const dedupeKey = `${fingerprint}:${location.line}:${location.column}`;
      if (seen.has(dedupeKey)) continue;
      seen.add(dedupeKey);
      const suppressed = suppressions.match(rule.id, raw.node, location);
      if (suppressed === undefined) failing = true;
      findings.push({
        ruleId: rule.id,
        messageId: raw.messageId,
        pillar: rule.pillar,
        level,
        message: raw.message,
        location: { file: location.file, line: location.line, column: location.column },
        object: raw.node.object,
        ...(suppressed === undefined ? {} : { suppressed }),
        fingerprint,
      });
    }
    for (const item of run.undecided) {
      const location = resolvePointer(item.at);
      undecided.push({
        ruleId: rule.id,
        file: location.file,
        line: location.line,
        column: location.column,
        reason: item.reason,
      });
    }
    const outcome: RuleOutcome = failing
      ? 'fail'
      : run.undecided.length > 0
        ? 'unknown'
        : run.examined === 0
          ? 'not-applicable'
          : 'pass';
    ruleReports.push({ ...metadata, level, outcome });
  }
  findings.sort(compareFindings);
  undecided.sort((a, b) => compareLocations(a, b) || compareText(a.ruleId, b.ruleId));

  const attestations = evaluateAttestations({
    definitions: input.attestations,
    answers: config.attestations,
    profile,
    model,
    controls: COMPLIANCE_CONTROLS,
    today: input.today,
    ...(input.onInternalError === undefined ? {} : { onInternalError: input.onInternalError }),
  });
  for (const attestation of attestations) {
    if (attestation.error !== undefined)
      errors.push({ kind: 'attestation', id: attestation.id, message: attestation.error });
  }
  const compliance = complianceReport(
    profile,
    COMPLIANCE_CONTROLS,
    FRAMEWORK_SOURCES,
    new Map(ruleReports.map((rule) => [rule.id, rule.outcome])),
    new Map(attestations.map((attestation) => [attestation.id, attestation.state])),
  );

  const parseIssues = [...discovery.issues, ...parsed.issues, ...model.issues]
    .map(toReportIssue)
    .sort((a, b) => compareLocations(a, b) || compareText(a.message, b.message));

  const blockerFindings = findings.filter(
    (finding) => finding.suppressed === undefined && finding.level === 'blocker',
  ).length;
  const scenarios = runScenarios(input.scenarios ?? [], model, profile, input.trafficMultiplier, failed);
  const blockerScenarios = scenarios.filter(
    (scenario) => scenario.failing === true && scenario.level === 'blocker',
  ).length;
  const blockerAttestations = attestations.filter(
    (attestation) => attestation.level === 'blocker' && isOpen(attestation.state),
  ).length;

  return {
    schemaVersion: SCHEMA_VERSION,
    profile,
    verdict: {
      ready: blockerFindings === 0 && blockerAttestations === 0 && blockerScenarios === 0,
      stage: profile.stage,
      blockers: blockerFindings + blockerAttestations + blockerScenarios,
      blockerFindings,
      blockerAttestations,
      blockerScenarios,
      scores: scorePillars(ruleReports, attestations),
      ...nextStageOf(input, profile, ruleReports, attestations),
      coverage: buildCoverage(input, parseIssues.length, ruleReports, undecided, errors),
    },
    findings,
    scenarios,
    parseIssues,
    rules: ruleReports,
    attestations,
    environments: [],
    compliance,
    model: summariseModel(model),
    suppressions: suppressions.problems(new Set(rules.map((rule) => rule.id))),
  };
}

/** Runs each scenario and turns its result into the report's form, locations resolved. */
function runScenarios(
  scenarios: readonly Scenario[],
  model: SystemModel,
  profile: Profile,
  trafficMultiplier: number | undefined,
  failed: (kind: InternalErrorKind, id: string, error: unknown) => string,
): ReportScenario[] {
  return scenarios.map((scenario): ReportScenario => {
    let result: ReturnType<Scenario['run']>;
    try {
      result = scenario.run({ model, profile, ...(trafficMultiplier === undefined ? {} : { trafficMultiplier }) });
    } catch (error) {
      const message = failed('scenario', scenario.id, error);
      return {
        id: scenario.id,
        title: scenario.title,
        question: scenario.question,
        outcome: 'unknown',
        error: message,
        paths: [],
        assumptions: [`The scenario failed with an internal error (a bug in prodready): ${message}`],
      };
    }
    const noPath = result.paths.length === 0;
    const level =
      scenario.requiredFrom === undefined
        ? undefined
        : decideLevel(
            {
              id: scenario.id,
              requiredFrom: scenario.requiredFrom,
              ...(scenario.requiredWhen === undefined ? {} : { requiredWhen: scenario.requiredWhen }),
            },
            profile,
            [],
            'rules',
          ).level;
    const failing = result.paths.some((path) => (scenario.failsOn ?? []).includes(path.outcome));
    return {
      id: scenario.id,
      title: scenario.title,
      question: scenario.question,
      outcome: noPath ? 'unknown' : worstOutcome(result.paths.map((path) => path.outcome)),
      ...(level === undefined ? {} : { level, failing }),
      paths: result.paths.map((path) => ({
        name: path.name,
        outcome: path.outcome,
        ...(path.availability === undefined ? {} : { availability: path.availability }),
        ...(path.recoverySeconds === undefined ? {} : { recoverySeconds: path.recoverySeconds }),
        ...(path.dataLossSeconds === undefined ? {} : { dataLossSeconds: path.dataLossSeconds }),
        failing: path.failing,
        reason: path.reason,
      })),
      assumptions: noPath
        ? [
            'No user-facing entry point (Ingress, HTTPRoute, LoadBalancer or NodePort Service, published compose port) was found, so no path could be judged.',
            ...result.assumptions,
          ]
        : result.assumptions,
      ...(result.singlePointsOfFailure === undefined
        ? {}
        : {
            singlePointsOfFailure: result.singlePointsOfFailure.map((spof) => ({
              id: spof.id,
              reason: spof.reason,
              file: spof.location.file,
              line: spof.location.line,
              column: spof.location.column,
            })),
          }),
      ...(result.budget === undefined ? {} : { budget: result.budget }),
    };
  });
}

function isOpen(state: AttestationState): boolean {
  return state === 'missing' || state === 'expired';
}

/** Per pillar: the weighted share of decided practices that hold (rules that pass, attestations present). */
function scorePillars(
  rules: readonly ReportRule[],
  attestations: readonly ReportAttestation[],
): Partial<Record<Pillar, number>> {
  const scores: Partial<Record<Pillar, number>> = {};
  for (const pillar of PILLARS) {
    let total = 0;
    let held = 0;
    for (const rule of rules) {
      if (rule.pillar !== pillar || (rule.outcome !== 'pass' && rule.outcome !== 'fail')) continue;
      total += SCORE_WEIGHT[rule.level];
      if (rule.outcome === 'pass') held += SCORE_WEIGHT[rule.level];
    }
    for (const attestation of attestations) {
      if (attestation.pillar !== pillar || attestation.state === 'not-applicable') continue;
      total += SCORE_WEIGHT[attestation.level];
      if (!isOpen(attestation.state)) held += SCORE_WEIGHT[attestation.level];
    }
    if (total > 0) scores[pillar] = Math.round((100 * held) / total);
  }
  return scores;
}

/** What the next stage would add to the blockers, of what does not hold today. */
function nextStageOf(
  input: EvaluationInput,
  profile: Profile,
  rules: readonly ReportRule[],
  attestations: readonly ReportAttestation[],
): { nextStage?: NonNullable<Verdict['nextStage']> } {
  const stage = nextStage(profile.stage);
  if (stage === undefined) return {};
  const ahead = { ...profile, stage };
  const ruleIds = rules
    .filter((rule) => rule.outcome === 'fail' && rule.level !== 'blocker' && rule.override === undefined)
    .filter((rule) => {
      const definition = input.rules.find((candidate) => candidate.id === rule.id);
      return (
        definition !== undefined && decideLevel(definition, ahead, COMPLIANCE_CONTROLS, 'rules').level === 'blocker'
      );
    })
    .map((rule) => rule.id);
  const attestationIds = attestations
    .filter((attestation) => isOpen(attestation.state) && attestation.level !== 'blocker')
    .filter((attestation) => {
      const definition = input.attestations.find((candidate) => candidate.id === attestation.id);
      return (
        definition !== undefined &&
        decideLevel(definition, ahead, COMPLIANCE_CONTROLS, 'attestations').level === 'blocker'
      );
    })
    .map((attestation) => attestation.id);
  return { nextStage: { stage, rules: ruleIds, attestations: attestationIds } };
}

function fingerprintOf(raw: RuleFinding, file: string): string {
  const parts = [raw.ruleId, raw.messageId, file, raw.node.id, raw.at.path.join('/')];
  // One-shot hashing (no Hash object per finding); the same digest as createHash.
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 32);
}

/** The profile part of the config, as the report shows it. */
export function reportProfile(config: Config): Profile {
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

function buildCoverage(
  input: EvaluationInput,
  parseIssueCount: number,
  ruleReports: readonly ReportRule[],
  undecided: Coverage['undecided'],
  errors: readonly InternalError[],
): Coverage {
  const { discovery, parsed, model, rules } = input;
  const outcomes = Object.fromEntries(RULE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<RuleOutcome, number>;
  for (const rule of ruleReports) outcomes[rule.outcome] += 1;
  const byKind: Partial<Record<SourceKind, number>> = {};
  for (const file of discovery.files) byKind[file.kind] = (byKind[file.kind] ?? 0) + 1;
  const sortedByKind = Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => compareText(a, b)));
  const unread = new Map<SourceKind, number>();
  for (const file of discovery.files) {
    if (parsed.examined.has(file.path) || file.kind === 'yaml' || file.kind === 'json') continue;
    unread.set(file.kind, (unread.get(file.kind) ?? 0) + 1);
  }
  const notExamined = [...unread].map(([kind, files]) => ({ kind, files })).sort((a, b) => compareText(a.kind, b.kind));

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
    rules: outcomes,
    ...(errors.length === 0 ? {} : { errors }),
    undecided,
    unsupported: [
      ...parsed.unsupported.map((entry) => ({
        file: entry.file,
        line: entry.line,
        column: entry.column,
        feature: entry.feature,
      })),
      ...model.moduleCalls
        .filter((call) => call.status !== 'followed')
        .map((call) => {
          const at = resolvePointer(call.source);
          return {
            file: at.file,
            line: at.line,
            column: at.column,
            feature: `Terraform module "${call.name}" not followed (${call.status}): ${call.sourceAddress}`,
          };
        }),
    ],
    charts: (input.charts ?? []).map((chart) => ({ ...chart, values: [...chart.values] })),
    ...(input.configFile === undefined ? {} : { config: input.configFile }),
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
  const edges: ModelSummary['edges'][number][] = model.dependencies.map((dependency) => ({
    from: dependency.from,
    to: dependency.to,
    kind: dependency.kind,
    evidence: locationOf(resolvePointer(dependency.evidence)),
  }));
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
