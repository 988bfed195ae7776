/** Wakes the chat router when a burst window may have ended (a delayed job with a deterministic id). */
export interface BurstTimer {
  /** Idempotent per (draftId, at). */
  schedule(draftId: string, at: Date): Promise<void>;
}
