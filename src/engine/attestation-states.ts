import type { AttestationDefinition } from '../attestations/define-attestation.js';
import type { Attestation } from '../config/schema.js';
import type { Profile } from '../core/profile.js';
import type { SystemModel } from '../model/types.js';
import type { ComplianceControl } from '../reference/compliance.js';
import { decideLevel } from './levels.js';
import type { ReportAttestation } from './report-types.js';

export interface AttestationInput {
  /** Told when a detector throws (a bug in prodready); the attestation is then judged by its answer alone. */
  readonly onInternalError?: (failure: {
    readonly kind: 'attestation';
    readonly id: string;
    readonly error: unknown;
  }) => void;
  readonly definitions: readonly AttestationDefinition[];
  readonly answers: Readonly<Record<string, Attestation>>;
  readonly profile: Profile;
  readonly model: SystemModel;
  readonly controls: readonly ComplianceControl[];
  /** YYYY-MM-DD */
  readonly today: string;
}

/**
 * The state of every practice files cannot fully show: a valid human answer (`attested`),
 * evidence found in the repository (`detected`), an answer past its expiry or maximum age
 * (`expired`), nothing (`missing`), or `not-applicable` to this profile and system.
 */
export function evaluateAttestations(input: AttestationInput): ReportAttestation[] {
  return input.definitions.map((definition) => {
    const decision = decideLevel(definition, input.profile, input.controls, 'attestations');
    const base = {
      id: definition.id,
      pillar: definition.pillar,
      title: definition.title,
      requiredFrom: decision.requiredFrom,
      level: decision.level,
      ...(decision.because.length === 0 ? {} : { because: decision.because }),
      evidence: definition.evidence,
    };
    try {
      return stateOf(definition, input, base, true);
    } catch (error) {
      // A bug in the detector: reported as errored, judged by the human answer alone; the rest goes on.
      input.onInternalError?.({ kind: 'attestation', id: definition.id, error });
      const message = error instanceof Error ? error.message : String(error);
      return { ...stateOf(definition, input, base, false), error: message };
    }
  });
}

function stateOf(
  definition: AttestationDefinition,
  input: AttestationInput,
  base: Omit<ReportAttestation, 'state'>,
  detectors: boolean,
): ReportAttestation {
  if (
    detectors &&
    definition.appliesWhen !== undefined &&
    !definition.appliesWhen({ profile: input.profile, model: input.model })
  ) {
    return { ...base, state: 'not-applicable' };
  }
  const answer = input.answers[definition.id];
  const expires = answer === undefined ? undefined : expiryOf(answer, definition.maxAgeDays);
  const attested = answer === undefined ? undefined : { by: answer.by, date: answer.date, evidence: answer.evidence };
  if (attested !== undefined && expires !== undefined && expires >= input.today) {
    return { ...base, state: 'attested', attested, expires };
  }
  const detected = detectors ? definition.detect?.(input.model) : undefined;
  if (detected !== undefined) {
    return {
      ...base,
      state: 'detected',
      detected: {
        file: detected.file,
        ...(detected.line === undefined ? {} : { line: detected.line }),
        description: detected.description,
      },
    };
  }
  if (attested !== undefined && expires !== undefined) return { ...base, state: 'expired', attested, expires };
  return { ...base, state: 'missing' };
}

/** The last day an answer counts: its own `expires`, or its date plus the practice's maximum age, whichever is first. */
export function expiryOf(answer: Attestation, maxAgeDays: number | undefined): string {
  const byAge = maxAgeDays === undefined ? undefined : addDays(answer.date, maxAgeDays);
  if (answer.expires === undefined) return byAge ?? '9999-12-31';
  if (byAge === undefined) return answer.expires;
  // ISO dates order as text.
  return [answer.expires, byAge].sort()[0] ?? byAge;
}

function addDays(date: string, days: number): string {
  const time = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}
