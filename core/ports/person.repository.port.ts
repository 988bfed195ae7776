import type { InboundSender } from '../inbound/inbound-message.js';
import type { Person } from '../desk/person.js';

export interface RosterSyncSummary {
  inserted: number;
  updated: number;
  /** In the database but no longer in the roster: kept for history, marked inactive. */
  deactivated: number;
}

export interface PersonRepository {
  list(): Promise<Person[]>;
  findById(id: string): Promise<Person | null>;
  /** The roster entry a sender is, matched by email, then phone, WeChat id, Telegram id. */
  matchSender(sender: InboundSender): Promise<Person | null>;
  /** Makes the stored roster equal to desk.yaml's (ids are the roster's ids). */
  syncRoster(people: Person[]): Promise<RosterSyncSummary>;
}
