import type { Channel } from '../inbound/channel.js';
import type { ComplaintStatus, ComplaintStep } from './complaint-status.js';

/** Who complained and where to answer them. */
export interface Complainant {
  personId: string | null;
  name: string;
  /** Address on the complaint's channel (mail address, chat id); null when the answer goes to a conversation or page. */
  address: string | null;
  conversationId: string | null;
}

export interface ComplaintActor {
  kind: 'person' | 'complainant' | 'system';
  id: string | null;
  name: string;
}

/** One step as it was taken: the audit trail of the complaint. */
export interface ComplaintStepRecord {
  step: ComplaintStep | 'submit';
  at: Date;
  actor: ComplaintActor;
  note: string | null;
}

export interface Complaint {
  id: string;
  /** Idempotency key of the submission: the same chat message or API retry files one complaint. */
  sourceKey: string;
  version: number;
  status: ComplaintStatus;
  ticketId: string | null;
  ticketNumber: string | null;
  channel: Channel;
  complainant: Complainant;
  text: string;
  /** The engineer the complaint is about (the ticket's assignee unless said otherwise); feeds assessment. */
  engineerId: string | null;
  /** Set by the IT head's decision. */
  upheld: boolean | null;
  decision: string | null;
  /** The complainant's rating of the complaint handling, 1–5. */
  rating: number | null;
  steps: ComplaintStepRecord[];
  createdAt: Date;
  updatedAt: Date;
}
