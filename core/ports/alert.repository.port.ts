import type { AlertRecord, AlertSource } from '../alerts/alert.entity.js';

/** Alert identities and their current incident (issue 7). */
export interface AlertRepository {
  find(source: AlertSource, fingerprint: string): Promise<AlertRecord | null>;
  /** Starts a new incident for the identity (insert, or replace a resolved/closed one). */
  open(
    record: Omit<AlertRecord, 'ticketId' | 'resolvedAt' | 'fireCount' | 'lastSeenAt'>,
    payload: object,
  ): Promise<void>;
  /** A repeat firing: bumps the count; returns the new count. */
  seen(source: AlertSource, fingerprint: string, at: Date, payload: object): Promise<number>;
  setTicket(source: AlertSource, fingerprint: string, ticketId: string): Promise<void>;
  resolve(source: AlertSource, fingerprint: string, at: Date, payload: object): Promise<void>;
}
