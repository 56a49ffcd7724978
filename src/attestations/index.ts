import type { AttestationDefinition } from './define-attestation.js';

/** Every attestation, by id, in pillar order and then alphabetically. */
export const ATTESTATIONS = {} satisfies Record<string, AttestationDefinition>;

export const ALL_ATTESTATIONS: readonly AttestationDefinition[] = Object.values(ATTESTATIONS);

export function findAttestation(id: string): AttestationDefinition | undefined {
  return ALL_ATTESTATIONS.find((attestation) => attestation.id === id);
}
