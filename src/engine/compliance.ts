import type { Profile } from '../core/profile.js';
import type { ComplianceControl, FrameworkSource } from '../reference/compliance.js';
import type { AttestationState, ControlStatus, ReportCompliance, RuleOutcome } from './report-types.js';

/**
 * For each framework of the profile, every control we hold evidence for: `failing` when a rule
 * that evidences it fails, `needs-attestation` when an attestation is missing or expired,
 * `evidenced` when what could be decided holds, `unknown` when nothing could be decided.
 */
export function complianceReport(
  profile: Profile,
  controls: readonly ComplianceControl[],
  sources: readonly FrameworkSource[],
  ruleOutcomes: ReadonlyMap<string, RuleOutcome>,
  attestationStates: ReadonlyMap<string, AttestationState>,
): ReportCompliance[] {
  return profile.compliance.map((framework) => ({
    framework,
    source: sources.find((source) => source.framework === framework)?.source ?? '',
    controls: controls
      .filter((control) => control.framework === framework)
      .map((control) => {
        const rules = control.rules.flatMap((id) => {
          const outcome = ruleOutcomes.get(id);
          return outcome === undefined ? [] : [{ id, outcome }];
        });
        const attestations = control.attestations.flatMap((id) => {
          const state = attestationStates.get(id);
          return state === undefined ? [] : [{ id, state }];
        });
        return {
          id: control.id,
          title: control.title,
          status: controlStatus(rules, attestations),
          rules,
          attestations,
        };
      }),
  }));
}

function controlStatus(
  rules: readonly { readonly outcome: RuleOutcome }[],
  attestations: readonly { readonly state: AttestationState }[],
): ControlStatus {
  if (rules.some((rule) => rule.outcome === 'fail')) return 'failing';
  if (attestations.some((attestation) => attestation.state === 'missing' || attestation.state === 'expired')) {
    return 'needs-attestation';
  }
  const decided =
    rules.some((rule) => rule.outcome === 'pass') ||
    attestations.some((attestation) => attestation.state === 'attested' || attestation.state === 'detected');
  return decided ? 'evidenced' : 'unknown';
}
