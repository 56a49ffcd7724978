import { SOURCE_KINDS } from '../core/source-kinds.js';
import { CLOUDS, COMPLIANCE_FRAMEWORKS, LEVELS, PILLARS, RULE_STATUSES, STAGES } from '../core/vocabulary.js';
import { SKIP_REASONS } from '../discover/discover.js';
import {
  ATTESTATION_STATES,
  CONTROL_STATUSES,
  FINDING_CHANGES,
  INTERNAL_ERROR_KINDS,
  RULE_OUTCOMES,
  SCHEMA_VERSION,
} from './report-types.js';

/** An object schema that rejects unknown keys: every object of the Report is closed. */
function strictObject<const Required extends readonly string[], const Properties extends object>(
  required: Required,
  properties: Properties,
) {
  return { type: 'object' as const, additionalProperties: false as const, required, properties };
}

const location = strictObject(['file', 'line', 'column'], {
  file: { type: 'string', minLength: 1, pattern: '^(?!/)(?![A-Za-z]:)[^\\\\]*$' },
  line: { type: 'integer', minimum: 1 },
  column: { type: 'integer', minimum: 1 },
});

const outcome = { enum: ['survives', 'degraded', 'outage', 'unknown'] } as const;
const count = { type: 'integer', minimum: 0 } as const;

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const reasons = { type: 'array', items: { type: 'string' } } as const;
const pillarScores = Object.fromEntries(
  PILLARS.map((pillar) => [pillar, { type: 'integer', minimum: 0, maximum: 100 }]),
);

/**
 * JSON Schema (2020-12) of the Report, published as schemas/report.schema.json. The keys
 * listed as stable in the design are required; more may be added, none renamed.
 */
export const REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://prodready.dev/schemas/report.schema.json',
  title: 'prodready Report',
  description: 'One prodready scan: the profile, the verdict, findings with evidence, scenarios and coverage.',
  type: 'object',
  additionalProperties: false,
  $defs: {
    whatIfScenario: strictObject(['id', 'outcome', 'paths'], {
      id: { type: 'string' },
      outcome,
      paths: {
        type: 'array',
        items: strictObject(['name', 'outcome'], {
          name: { type: 'string' },
          outcome,
          availability: { type: 'number', minimum: 0, maximum: 1 },
          recoverySeconds: { type: 'number', minimum: 0 },
        }),
      },
      budget: strictObject(['sla', 'budgetMinutes', 'ceilingDowntimeMinutes', 'consumedPercent'], {
        sla: { type: 'number' },
        budgetMinutes: { type: 'number', minimum: 0 },
        ceilingDowntimeMinutes: { type: 'number', minimum: 0 },
        consumedPercent: { type: 'number', minimum: 0 },
      }),
    }),
    declaredEnvironment: strictObject(['source', 'file', 'line'], {
      source: { const: 'pipeline' },
      file: location.properties.file,
      line: location.properties.line,
    }),
    finding: strictObject(['ruleId', 'messageId', 'pillar', 'level', 'message', 'location', 'fingerprint'], {
      ruleId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      messageId: { type: 'string' },
      pillar: { enum: PILLARS },
      level: { enum: LEVELS },
      message: { type: 'string', minLength: 1 },
      location,
      object: strictObject(['kind', 'name'], {
        kind: { type: 'string' },
        name: { type: 'string' },
        namespace: { type: 'string' },
      }),
      suppressed: strictObject(['reason'], { reason: { type: 'string', minLength: 1 }, until: date }),
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{16,64}$' },
      change: { enum: FINDING_CHANGES },
    }),
  },
  required: [
    'schemaVersion',
    'run',
    'profile',
    'verdict',
    'findings',
    'scenarios',
    'parseIssues',
    'rules',
    'attestations',
    'environments',
    'compliance',
    'model',
    'suppressions',
  ],
  properties: {
    schemaVersion: { const: SCHEMA_VERSION },
    run: strictObject(['tool', 'version', 'startedAt', 'durationMs'], {
      tool: { const: 'prodready' },
      version: { type: 'string' },
      startedAt: { type: 'string', format: 'date-time' },
      durationMs: { type: 'number', minimum: 0 },
    }),
    profile: strictObject(['stage', 'compliance'], {
      stage: { enum: STAGES },
      sla: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
      rto: { type: 'string' },
      rpo: { type: 'string' },
      peakRps: { type: 'number', minimum: 0 },
      compliance: { type: 'array', items: { enum: COMPLIANCE_FRAMEWORKS }, uniqueItems: true },
      cloud: { enum: CLOUDS },
    }),
    verdict: strictObject(
      [
        'ready',
        'stage',
        'blockers',
        'blockerFindings',
        'blockerAttestations',
        'blockerScenarios',
        'scores',
        'coverage',
      ],
      {
        ready: { type: 'boolean' },
        stage: { enum: STAGES },
        blockers: count,
        blockerFindings: count,
        blockerAttestations: count,
        blockerScenarios: count,
        scores: { type: 'object', additionalProperties: false, properties: pillarScores },
        nextStage: strictObject(['stage', 'rules', 'attestations'], {
          stage: { enum: STAGES },
          rules: { type: 'array', items: { type: 'string' } },
          attestations: { type: 'array', items: { type: 'string' } },
        }),
        coverage: strictObject(
          [
            'files',
            'skipped',
            'documents',
            'objects',
            'parseIssues',
            'pillars',
            'rules',
            'undecided',
            'unsupported',
            'charts',
          ],
          {
            files: strictObject(['recognised', 'examined', 'byKind', 'notExamined', 'other', 'ignored'], {
              recognised: count,
              examined: count,
              byKind: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, count])),
              },
              notExamined: {
                type: 'array',
                items: strictObject(['kind', 'files'], { kind: { enum: SOURCE_KINDS }, files: count }),
              },
              other: count,
              ignored: count,
            }),
            skipped: {
              type: 'array',
              items: strictObject(['file', 'reason'], { file: { type: 'string' }, reason: { enum: SKIP_REASONS } }),
            },
            documents: strictObject(['kubernetesObjects', 'other'], { kubernetesObjects: count, other: count }),
            objects: strictObject(['modelled', 'unmodelled'], {
              modelled: { type: 'object', additionalProperties: count },
              unmodelled: {
                type: 'array',
                items: strictObject(['apiVersion', 'kind', 'count', 'known'], {
                  apiVersion: { type: 'string' },
                  kind: { type: 'string' },
                  count: { type: 'integer', minimum: 1 },
                  known: { type: 'boolean' },
                }),
              },
            }),
            parseIssues: count,
            pillars: strictObject(['examined', 'notExamined'], {
              examined: { type: 'array', items: { enum: PILLARS } },
              notExamined: { type: 'array', items: { enum: PILLARS } },
            }),
            // `error` came later: reports stored before it have no such count.
            rules: strictObject(
              RULE_OUTCOMES.filter((outcome) => outcome !== 'error'),
              Object.fromEntries(RULE_OUTCOMES.map((outcome) => [outcome, count])),
            ),
            errors: {
              type: 'array',
              minItems: 1,
              items: strictObject(['kind', 'id', 'message'], {
                kind: { enum: INTERNAL_ERROR_KINDS },
                id: { type: 'string', minLength: 1 },
                message: { type: 'string' },
              }),
            },
            undecided: {
              type: 'array',
              items: strictObject(['ruleId', 'file', 'line', 'column', 'reason'], {
                ...location.properties,
                ruleId: { type: 'string' },
                reason: { type: 'string', minLength: 1 },
              }),
            },
            config: { type: 'string' },
            unsupported: {
              type: 'array',
              items: strictObject(['file', 'line', 'column', 'feature'], {
                ...location.properties,
                feature: { type: 'string', minLength: 1 },
              }),
            },
            charts: {
              type: 'array',
              items: strictObject(['chart', 'rendered', 'values'], {
                chart: { type: 'string' },
                rendered: { type: 'boolean' },
                reason: { type: 'string' },
                values: { type: 'array', items: { type: 'string' } },
              }),
            },
            pipelineOnlyEnvironments: {
              type: 'array',
              items: strictObject(['name', 'source', 'file', 'line'], {
                name: { type: 'string' },
                source: { const: 'pipeline' },
                file: location.properties.file,
                line: location.properties.line,
              }),
            },
            judgedEnvironment: strictObject(['name', 'reason'], {
              name: { type: 'string' },
              reason: { type: 'string' },
            }),
          },
        ),
      },
    ),
    findings: { type: 'array', items: { $ref: '#/$defs/finding' } },
    scenarios: {
      type: 'array',
      items: strictObject(['id', 'title', 'question', 'outcome', 'paths', 'assumptions'], {
        id: { type: 'string' },
        title: { type: 'string' },
        question: { type: 'string' },
        outcome,
        level: { enum: LEVELS },
        failing: { type: 'boolean' },
        error: { type: 'string' },
        paths: {
          type: 'array',
          items: strictObject(['name', 'outcome', 'failing', 'reason'], {
            name: { type: 'string' },
            outcome,
            availability: { type: 'number', minimum: 0, maximum: 1 },
            recoverySeconds: { type: 'number', minimum: 0 },
            dataLossSeconds: { type: 'number', minimum: 0 },
            failing: { type: 'array', items: { type: 'string' } },
            reason: { type: 'string' },
          }),
        },
        assumptions: { type: 'array', items: { type: 'string' } },
        singlePointsOfFailure: {
          type: 'array',
          items: strictObject(['id', 'reason', 'file', 'line', 'column'], {
            ...location.properties,
            id: { type: 'string' },
            reason: { type: 'string' },
          }),
        },
        budget: strictObject(['sla', 'budgetMinutes', 'ceilingDowntimeMinutes', 'consumedPercent'], {
          sla: { type: 'number' },
          budgetMinutes: { type: 'number', minimum: 0 },
          ceilingDowntimeMinutes: { type: 'number', minimum: 0 },
          consumedPercent: { type: 'number', minimum: 0 },
        }),
      }),
    },
    parseIssues: {
      type: 'array',
      items: strictObject(['file', 'line', 'column', 'message'], {
        ...location.properties,
        message: { type: 'string', minLength: 1 },
      }),
    },
    rules: {
      type: 'array',
      items: strictObject(['id', 'pillar', 'title', 'requiredFrom', 'status', 'level', 'outcome'], {
        id: { type: 'string' },
        pillar: { enum: PILLARS },
        title: { type: 'string' },
        requiredFrom: { enum: STAGES },
        status: { enum: RULE_STATUSES },
        level: { enum: LEVELS },
        outcome: { enum: RULE_OUTCOMES },
        error: { type: 'string' },
        because: reasons,
        override: strictObject(['level', 'reason'], {
          level: { enum: [...LEVELS, 'off'] },
          reason: { type: 'string', minLength: 1 },
        }),
      }),
    },
    attestations: {
      type: 'array',
      items: strictObject(['id', 'pillar', 'title', 'requiredFrom', 'level', 'state', 'evidence'], {
        id: { type: 'string' },
        pillar: { enum: PILLARS },
        title: { type: 'string' },
        requiredFrom: { enum: STAGES },
        level: { enum: LEVELS },
        state: { enum: ATTESTATION_STATES },
        because: reasons,
        detected: strictObject(['file', 'description'], {
          file: location.properties.file,
          line: location.properties.line,
          description: { type: 'string', minLength: 1 },
        }),
        attested: strictObject(['by', 'date', 'evidence'], {
          by: { type: 'string' },
          date,
          evidence: { type: 'string' },
        }),
        expires: date,
        evidence: { type: 'string', minLength: 1 },
        error: { type: 'string' },
      }),
    },
    environments: {
      type: 'array',
      items: strictObject(['name', 'source', 'declaredBy', 'production', 'judged', 'ready', 'blockers', 'findings'], {
        name: { type: 'string' },
        source: { enum: ['kustomize', 'helm', 'terraform', 'repository'] },
        root: location.properties.file,
        declaredBy: { type: 'array', items: { $ref: '#/$defs/declaredEnvironment' } },
        production: { type: 'boolean' },
        judged: { type: 'boolean' },
        ready: { type: 'boolean' },
        blockers: count,
        findings: { type: 'array', items: { $ref: '#/$defs/finding' } },
      }),
    },
    compliance: {
      type: 'array',
      items: strictObject(['framework', 'source', 'controls'], {
        framework: { enum: COMPLIANCE_FRAMEWORKS },
        source: { type: 'string' },
        controls: {
          type: 'array',
          items: strictObject(['id', 'title', 'status', 'rules', 'attestations'], {
            id: { type: 'string' },
            title: { type: 'string' },
            status: { enum: CONTROL_STATUSES },
            rules: {
              type: 'array',
              items: strictObject(['id', 'outcome'], { id: { type: 'string' }, outcome: { enum: RULE_OUTCOMES } }),
            },
            attestations: {
              type: 'array',
              items: strictObject(['id', 'state'], { id: { type: 'string' }, state: { enum: ATTESTATION_STATES } }),
            },
          }),
        },
      }),
    },
    model: strictObject(['services', 'datastores', 'edges'], {
      services: {
        type: 'array',
        items: strictObject(['id', 'kind', 'name', 'namespace', 'serving'], {
          id: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          namespace: { type: 'string' },
          replicas: count,
          serving: { type: 'boolean' },
        }),
      },
      datastores: {
        type: 'array',
        items: strictObject(['id', 'engine', 'category', 'managed'], {
          id: { type: 'string' },
          engine: { type: 'string' },
          category: { type: 'string' },
          managed: { type: 'boolean' },
          replicas: count,
        }),
      },
      edges: {
        type: 'array',
        items: strictObject(['from', 'to', 'kind', 'evidence'], {
          from: { type: 'string' },
          to: { type: 'string' },
          kind: { enum: ['routes-to', 'calls', 'depends-on', 'selects'] },
          evidence: location,
        }),
      },
    }),
    suppressions: {
      type: 'array',
      items: strictObject(['ruleId', 'file', 'line', 'column', 'problem'], {
        ...location.properties,
        ruleId: { type: 'string' },
        problem: { enum: ['unused', 'unknown-rule', 'no-reason', 'expired'] },
      }),
    },
    whatIf: strictObject(['assumptions', 'before', 'after'], {
      assumptions: {
        type: 'array',
        items: strictObject(['change', 'effect'], {
          change: { type: 'string', minLength: 1 },
          effect: { type: 'string', minLength: 1 },
        }),
      },
      before: { type: 'array', items: { $ref: '#/$defs/whatIfScenario' } },
      after: { type: 'array', items: { $ref: '#/$defs/whatIfScenario' } },
    }),
    baseline: strictObject(['file', 'new', 'unchanged', 'fixed', 'verdictBefore', 'scenariosWorse'], {
      file: { type: 'string', minLength: 1 },
      new: count,
      unchanged: count,
      fixed: {
        type: 'array',
        items: strictObject(['ruleId', 'fingerprint', 'location'], {
          ruleId: { type: 'string' },
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{16,64}$' },
          location,
        }),
      },
      verdictBefore: strictObject(['ready', 'blockers'], { ready: { type: 'boolean' }, blockers: count }),
      scenariosWorse: {
        type: 'array',
        items: strictObject(['id', 'before', 'after'], { id: { type: 'string' }, before: outcome, after: outcome }),
      },
      ceilingBefore: { type: 'number', minimum: 0, maximum: 1 },
      ceilingAfter: { type: 'number', minimum: 0, maximum: 1 },
    }),
  },
} as const;
