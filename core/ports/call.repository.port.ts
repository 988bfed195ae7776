import type { CallRecord } from '../phone/call-record.js';

/** A stored call: the record plus what the desk did with it. */
export interface StoredCall extends CallRecord {
  id: string;
  ticketId: string | null;
  callbackPersonId: string | null;
}

export interface CallUpsertOutcome {
  /** Calls stored for the first time. */
  inserted: StoredCall[];
  /** Calls a new leg changed (merged in). */
  updated: StoredCall[];
  /** Source ids whose record was already stored as given: nothing changed. */
  unchanged: string[];
}

/** What a bulk import's batch did: calls stored for the first time, stored calls it changed. */
export interface CallImportCounts {
  inserted: number;
  updated: number;
}

/** Phone calls (issue 7). Writes are idempotent: the same record twice changes nothing. */
export interface CallRepository {
  /** Inserts or merges (core/phone mergeCalls rules) a batch with distinct source ids. */
  upsertMany(calls: CallRecord[]): Promise<CallUpsertOutcome>;
  /** upsertMany for bulk imports: the same writes, but only how many calls each outcome had. */
  importMany(calls: CallRecord[]): Promise<CallImportCounts>;
  findById(id: string): Promise<StoredCall | null>;
  findBySourceId(sourceId: string): Promise<StoredCall | null>;
  /**
   * Answered hotline calls started since `since` whose caller's digits end in `digitsTail`, newest
   * first, at most `limit`. A coarse match: the caller compares the numbers exactly.
   */
  answeredDeskCallsEndingIn(digitsTail: string, since: Date, limit: number): Promise<StoredCall[]>;
  /** Links a call to the ticket it produced; false when the call does not exist. */
  linkTicket(callId: string, ticketId: string): Promise<boolean>;
  /** Links a call that is linked to no ticket yet; false when it is (or it does not exist). */
  linkUnlinkedTicket(callId: string, ticketId: string): Promise<boolean>;
  /** Records the engineer asked to call back; false when one was already recorded. */
  markCallback(callId: string, personId: string): Promise<boolean>;
}
