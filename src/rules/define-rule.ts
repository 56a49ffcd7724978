import type { RequirementCondition } from '../core/profile.js';
import type { SourcePointer } from '../core/source.js';
import type { Pillar, RuleStatus, Stage } from '../core/vocabulary.js';
import type { ModelNode, SystemModel } from '../model/types.js';

export interface RuleReference {
  readonly title: string;
  readonly url: string;
}

/** Message templates keyed by message id; each takes the data its finding carries. */
export type MessageMap = Readonly<Record<string, (data: never) => string>>;

type MessageData<Template> = Template extends (data: infer Data) => string ? Data : never;

export interface RuleContext<Messages extends MessageMap> {
  readonly model: SystemModel;
  /** Records a finding: `at` is the key to change, or the parent of the missing one. */
  report<Id extends keyof Messages & string>(finding: {
    readonly messageId: Id;
    readonly data: MessageData<Messages[Id]>;
    readonly node: ModelNode;
    readonly at: SourcePointer;
  }): void;
  /**
   * Records that the rule could not decide for a node (a value it needs is unreadable or
   * unresolvable). The rule's outcome is then `unknown`, never a silent pass.
   */
  undecided(item: { readonly node: ModelNode; readonly at: SourcePointer; readonly reason: string }): void;
}

export interface RuleDefinition<Messages extends MessageMap> {
  /** Stable forever, kebab-case, verb-prefixed (`require-…`, `no-…`). */
  readonly id: string;
  readonly pillar: Pillar;
  /** What the rule asks for. */
  readonly title: string;
  /** Why it matters in production; one or two sentences. */
  readonly rationale: string;
  /** How to fix it, in the imperative. */
  readonly remediation: string;
  /** The first stage at which the practice is required (a blocker). */
  readonly requiredFrom: Stage;
  /** Conditions on the profile that make the practice required earlier (an SLA, a framework, a volume). */
  readonly requiredWhen?: readonly RequirementCondition[];
  readonly status: RuleStatus;
  readonly references: readonly RuleReference[];
  /** Why the rule behaves as it does where the peer scanners disagree. */
  readonly notes?: string;
  readonly deprecated?: { readonly replacedBy: string };
  readonly messages: Messages;
  /**
   * How many things in the model the rule examines (workloads, autoscalers…). Zero makes the
   * rule "not applicable" rather than passed.
   */
  appliesTo(model: SystemModel): number;
  check(context: RuleContext<Messages>): void;
}

/** A finding as a rule emits it, before the engine locates, levels and suppresses it. */
export interface RuleFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly node: ModelNode;
  readonly at: SourcePointer;
}

/** A place where a rule could not decide, and why. */
export interface RuleUndecided {
  readonly ruleId: string;
  readonly node: ModelNode;
  readonly at: SourcePointer;
  readonly reason: string;
}

export interface RuleRun {
  readonly findings: readonly RuleFinding[];
  readonly undecided: readonly RuleUndecided[];
  /** How many things the rule examined; zero means not applicable. */
  readonly examined: number;
}

export interface Rule extends Omit<RuleDefinition<MessageMap>, 'check' | 'messages' | 'appliesTo'> {
  readonly messageIds: readonly string[];
  run(model: SystemModel): RuleRun;
}

/**
 * Declares a rule. The message map is inferred, so a misspelt message id or the wrong data
 * for a message does not compile.
 *
 * @example
 * export default defineRule({ id: 'no-bare-pod', messages: { bare: (d: { pod: string }) => `…` }, … })
 */
export function defineRule<const Messages extends MessageMap>(definition: RuleDefinition<Messages>): Rule {
  const { check, messages, appliesTo, ...metadata } = definition;
  return {
    ...metadata,
    messageIds: Object.keys(messages),
    run(model) {
      const findings: RuleFinding[] = [];
      const undecided: RuleUndecided[] = [];
      check({
        model,
        report({ messageId, data, node, at }) {
          const template = messages[messageId] as unknown as (data: unknown) => string;
          findings.push({ ruleId: definition.id, messageId, message: template(data), node, at });
        },
        undecided({ node, at, reason }) {
          undecided.push({ ruleId: definition.id, node, at, reason });
        },
      });
      return { findings, undecided, examined: appliesTo(model) };
    },
  };
}
