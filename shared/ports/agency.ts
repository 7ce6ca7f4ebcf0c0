/** The collection agency that takes over a case. */
export interface AgencyClient {
  /**
   * Sends the dossier once: `idempotencyKey` lets the agency drop a repeat. Resolves with the agency's
   * own reference; throws AgencyRejectedError (4xx, final) or AgencyUnavailableError (retry later).
   */
  handOff(dossier: unknown, idempotencyKey: string): Promise<{ agencyReference: string }>;
}
