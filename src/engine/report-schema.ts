import { SOURCE_KINDS } from '../core/source-kinds.js';
import { CLOUDS, COMPLIANCE_FRAMEWORKS, LEVELS, PILLARS, RULE_STATUSES, STAGES } from '../core/vocabulary.js';
import { SKIP_REASONS } from '../discover/discover.js';
import {
  ATTESTATION_STATES,
  CONTROL_STATUSES,
  FINDING_CHANGES,
  RULE_OUTCOMES,
  SCHEMA_VERSION,
} from './report-types.js';

const location = {
  type: 'object',
  additionalProperties: false,
  required: ['file', 'line', 'column'],
  properties: {
    file: { type: 'string', minLength: 1, pattern: '^(?!/)(?![A-Za-z]:)[^\\\\]*$' },
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
  },
} as const;

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
    whatIfScenario: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'outcome', 'paths'],
      properties: {
        id: { type: 'string' },
        outcome,
        paths: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'outcome'],
            properties: {
              name: { type: 'string' },
              outcome,
              availability: { type: 'number', minimum: 0, maximum: 1 },
              recoverySeconds: { type: 'number', minimum: 0 },
            },
          },
        },
        budget: {
          type: 'object',
          additionalProperties: false,
          required: ['sla', 'budgetMinutes', 'ceilingDowntimeMinutes', 'consumedPercent'],
          properties: {
            sla: { type: 'number' },
            budgetMinutes: { type: 'number', minimum: 0 },
            ceilingDowntimeMinutes: { type: 'number', minimum: 0 },
            consumedPercent: { type: 'number', minimum: 0 },
          },
        },
      },
    },
    declaredEnvironment: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'file', 'line'],
      properties: { source: { const: 'pipeline' }, file: location.properties.file, line: location.properties.line },
    },
    finding: {
      type: 'object',
      additionalProperties: false,
      required: ['ruleId', 'messageId', 'pillar', 'level', 'message', 'location', 'fingerprint'],
      properties: {
        ruleId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
        messageId: { type: 'string' },
        pillar: { enum: PILLARS },
        level: { enum: LEVELS },
        message: { type: 'string', minLength: 1 },
        location,
        object: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'name'],
          properties: { kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } },
        },
        suppressed: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1 }, until: date },
        },
        fingerprint: { type: 'string', pattern: '^[0-9a-f]{16,64}$' },
        change: { enum: FINDING_CHANGES },
      },
    },
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
    run: {
      type: 'object',
      additionalProperties: false,
      required: ['tool', 'version', 'startedAt', 'durationMs'],
      properties: {
        tool: { const: 'prodready' },
        version: { type: 'string' },
        startedAt: { type: 'string', format: 'date-time' },
        durationMs: { type: 'number', minimum: 0 },
      },
    },
    profile: {
      type: 'object',
      additionalProperties: false,
      required: ['stage', 'compliance'],
      properties: {
        stage: { enum: STAGES },
        sla: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
        rto: { type: 'string' },
        rpo: { type: 'string' },
        peakRps: { type: 'number', minimum: 0 },
        compliance: { type: 'array', items: { enum: COMPLIANCE_FRAMEWORKS }, uniqueItems: true },
        cloud: { enum: CLOUDS },
      },
    },
    verdict: {
      type: 'object',
      additionalProperties: false,
      required: [
        'ready',
        'stage',
        'blockers',
        'blockerFindings',
        'blockerAttestations',
        'blockerScenarios',
        'scores',
        'coverage',
      ],
      properties: {
        ready: { type: 'boolean' },
        stage: { enum: STAGES },
        blockers: count,
        blockerFindings: count,
        blockerAttestations: count,
        blockerScenarios: count,
        scores: { type: 'object', additionalProperties: false, properties: pillarScores },
        nextStage: {
          type: 'object',
          additionalProperties: false,
          required: ['stage', 'rules', 'attestations'],
          properties: {
            stage: { enum: STAGES },
            rules: { type: 'array', items: { type: 'string' } },
            attestations: { type: 'array', items: { type: 'string' } },
          },
        },
        coverage: {
          type: 'object',
          additionalProperties: false,
          required: [
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
          properties: {
            files: {
              type: 'object',
              additionalProperties: false,
              required: ['recognised', 'examined', 'byKind', 'notExamined', 'other', 'ignored'],
              properties: {
                recognised: count,
                examined: count,
                byKind: {
                  type: 'object',
                  additionalProperties: false,
                  properties: Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, count])),
                },
                notExamined: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['kind', 'files'],
                    properties: { kind: { enum: SOURCE_KINDS }, files: count },
                  },
                },
                other: count,
                ignored: count,
              },
            },
            skipped: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['file', 'reason'],
                properties: { file: { type: 'string' }, reason: { enum: SKIP_REASONS } },
              },
            },
            documents: {
              type: 'object',
              additionalProperties: false,
              required: ['kubernetesObjects', 'other'],
              properties: { kubernetesObjects: count, other: count },
            },
            objects: {
              type: 'object',
              additionalProperties: false,
              required: ['modelled', 'unmodelled'],
              properties: {
                modelled: { type: 'object', additionalProperties: count },
                unmodelled: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['apiVersion', 'kind', 'count', 'known'],
                    properties: {
                      apiVersion: { type: 'string' },
                      kind: { type: 'string' },
                      count: { type: 'integer', minimum: 1 },
                      known: { type: 'boolean' },
                    },
                  },
                },
              },
            },
            parseIssues: count,
            pillars: {
              type: 'object',
              additionalProperties: false,
              required: ['examined', 'notExamined'],
              properties: {
                examined: { type: 'array', items: { enum: PILLARS } },
                notExamined: { type: 'array', items: { enum: PILLARS } },
              },
            },
            rules: {
              type: 'object',
              additionalProperties: false,
              required: [...RULE_OUTCOMES],
              properties: Object.fromEntries(RULE_OUTCOMES.map((outcome) => [outcome, count])),
            },
            undecided: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['ruleId', 'file', 'line', 'column', 'reason'],
                properties: {
                  ...location.properties,
                  ruleId: { type: 'string' },
                  reason: { type: 'string', minLength: 1 },
                },
              },
            },
            config: { type: 'string' },
            unsupported: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['file', 'line', 'column', 'feature'],
                properties: { ...location.properties, feature: { type: 'string', minLength: 1 } },
              },
            },
            charts: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['chart', 'rendered', 'values'],
                properties: {
                  chart: { type: 'string' },
                  rendered: { type: 'boolean' },
                  reason: { type: 'string' },
                  values: { type: 'array', items: { type: 'string' } },
                },
              },
            },
            pipelineOnlyEnvironments: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'source', 'file', 'line'],
                properties: {
                  name: { type: 'string' },
                  source: { const: 'pipeline' },
                  file: location.properties.file,
                  line: location.properties.line,
                },
              },
            },
            judgedEnvironment: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'reason'],
              properties: { name: { type: 'string' }, reason: { type: 'string' } },
            },
          },
        },
      },
    },
    findings: { type: 'array', items: { $ref: '#/$defs/finding' } },
    scenarios: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'question', 'outcome', 'paths', 'assumptions'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          question: { type: 'string' },
          outcome,
          level: { enum: LEVELS },
          failing: { type: 'boolean' },
          paths: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'outcome', 'failing', 'reason'],
              properties: {
                name: { type: 'string' },
                outcome,
                availability: { type: 'number', minimum: 0, maximum: 1 },
                recoverySeconds: { type: 'number', minimum: 0 },
                dataLossSeconds: { type: 'number', minimum: 0 },
                failing: { type: 'array', items: { type: 'string' } },
                reason: { type: 'string' },
              },
            },
          },
          assumptions: { type: 'array', items: { type: 'string' } },
          singlePointsOfFailure: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'reason', 'file', 'line', 'column'],
              properties: { ...location.properties, id: { type: 'string' }, reason: { type: 'string' } },
            },
          },
          budget: {
            type: 'object',
            additionalProperties: false,
            required: ['sla', 'budgetMinutes', 'ceilingDowntimeMinutes', 'consumedPercent'],
            properties: {
              sla: { type: 'number' },
              budgetMinutes: { type: 'number', minimum: 0 },
              ceilingDowntimeMinutes: { type: 'number', minimum: 0 },
              consumedPercent: { type: 'number', minimum: 0 },
            },
          },
        },
      },
    },
    parseIssues: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'line', 'column', 'message'],
        properties: { ...location.properties, message: { type: 'string', minLength: 1 } },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pillar', 'title', 'requiredFrom', 'status', 'level', 'outcome'],
        properties: {
          id: { type: 'string' },
          pillar: { enum: PILLARS },
          title: { type: 'string' },
          requiredFrom: { enum: STAGES },
          status: { enum: RULE_STATUSES },
          level: { enum: LEVELS },
          outcome: { enum: RULE_OUTCOMES },
          because: reasons,
          override: {
            type: 'object',
            additionalProperties: false,
            required: ['level', 'reason'],
            properties: { level: { enum: [...LEVELS, 'off'] }, reason: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
    attestations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pillar', 'title', 'requiredFrom', 'level', 'state', 'evidence'],
        properties: {
          id: { type: 'string' },
          pillar: { enum: PILLARS },
          title: { type: 'string' },
          requiredFrom: { enum: STAGES },
          level: { enum: LEVELS },
          state: { enum: ATTESTATION_STATES },
          because: reasons,
          detected: {
            type: 'object',
            additionalProperties: false,
            required: ['file', 'description'],
            properties: {
              file: location.properties.file,
              line: location.properties.line,
              description: { type: 'string', minLength: 1 },
            },
          },
          attested: {
            type: 'object',
            additionalProperties: false,
            required: ['by', 'date', 'evidence'],
            properties: { by: { type: 'string' }, date, evidence: { type: 'string' } },
          },
          expires: date,
          evidence: { type: 'string', minLength: 1 },
        },
      },
    },
    environments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'source', 'declaredBy', 'production', 'judged', 'ready', 'blockers', 'findings'],
        properties: {
          name: { type: 'string' },
          source: { enum: ['kustomize', 'helm', 'terraform', 'repository'] },
          root: location.properties.file,
          declaredBy: { type: 'array', items: { $ref: '#/$defs/declaredEnvironment' } },
          production: { type: 'boolean' },
          judged: { type: 'boolean' },
          ready: { type: 'boolean' },
          blockers: count,
          findings: { type: 'array', items: { $ref: '#/$defs/finding' } },
        },
      },
    },
    compliance: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['framework', 'source', 'controls'],
        properties: {
          framework: { enum: COMPLIANCE_FRAMEWORKS },
          source: { type: 'string' },
          controls: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'title', 'status', 'rules', 'attestations'],
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                status: { enum: CONTROL_STATUSES },
                rules: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['id', 'outcome'],
                    properties: { id: { type: 'string' }, outcome: { enum: RULE_OUTCOMES } },
                  },
                },
                attestations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['id', 'state'],
                    properties: { id: { type: 'string' }, state: { enum: ATTESTATION_STATES } },
                  },
                },
              },
            },
          },
        },
      },
    },
    model: {
      type: 'object',
      additionalProperties: false,
      required: ['services', 'datastores', 'edges'],
      properties: {
        services: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'kind', 'name', 'namespace', 'serving'],
            properties: {
              id: { type: 'string' },
              kind: { type: 'string' },
              name: { type: 'string' },
              namespace: { type: 'string' },
              replicas: count,
              serving: { type: 'boolean' },
            },
          },
        },
        datastores: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'engine', 'category', 'managed'],
            properties: {
              id: { type: 'string' },
              engine: { type: 'string' },
              category: { type: 'string' },
              managed: { type: 'boolean' },
              replicas: count,
            },
          },
        },
        edges: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'to', 'kind', 'evidence'],
            properties: {
              from: { type: 'string' },
              to: { type: 'string' },
              kind: { enum: ['routes-to', 'calls', 'depends-on', 'selects'] },
              evidence: location,
            },
          },
        },
      },
    },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['ruleId', 'file', 'line', 'column', 'problem'],
        properties: {
          ...location.properties,
          ruleId: { type: 'string' },
          problem: { enum: ['unused', 'unknown-rule', 'no-reason', 'expired'] },
        },
      },
    },
    whatIf: {
      type: 'object',
      additionalProperties: false,
      required: ['assumptions', 'before', 'after'],
      properties: {
        assumptions: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['change', 'effect'],
            properties: { change: { type: 'string', minLength: 1 }, effect: { type: 'string', minLength: 1 } },
          },
        },
        before: { type: 'array', items: { $ref: '#/$defs/whatIfScenario' } },
        after: { type: 'array', items: { $ref: '#/$defs/whatIfScenario' } },
      },
    },
    baseline: {
      type: 'object',
      additionalProperties: false,
      required: ['file', 'new', 'unchanged', 'fixed', 'verdictBefore', 'scenariosWorse'],
      properties: {
        file: { type: 'string', minLength: 1 },
        new: count,
        unchanged: count,
        fixed: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['ruleId', 'fingerprint', 'location'],
            properties: {
              ruleId: { type: 'string' },
              fingerprint: { type: 'string', pattern: '^[0-9a-f]{16,64}$' },
              location,
            },
          },
        },
        verdictBefore: {
          type: 'object',
          additionalProperties: false,
          required: ['ready', 'blockers'],
          properties: { ready: { type: 'boolean' }, blockers: count },
        },
        scenariosWorse: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'before', 'after'],
            properties: { id: { type: 'string' }, before: outcome, after: outcome },
          },
        },
        ceilingBefore: { type: 'number', minimum: 0, maximum: 1 },
        ceilingAfter: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
  },
} as const;
