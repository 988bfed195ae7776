import type { Complaint } from '../complaints/complaint.entity.js';
import type { ComplaintStatus } from '../complaints/complaint-status.js';

export type SaveComplaintOutcome = { saved: true; complaint: Complaint } | { saved: false; stale: true };

export interface ComplaintFilter {
  status?: ComplaintStatus[];
  ticketId?: string;
  limit: number;
  offset: number;
}

export interface ComplaintRepository {
  /** Stores a new complaint; a second submission with the same sourceKey returns the first one. */
  create(complaint: Complaint): Promise<{ created: boolean; complaint: Complaint }>;
  findById(id: string): Promise<Complaint | null>;
  /** Saves only if the stored version still equals `complaint.version` (then bumps it). */
  save(complaint: Complaint): Promise<SaveComplaintOutcome>;
  list(filter: ComplaintFilter): Promise<{ complaints: Complaint[]; total: number }>;
}
