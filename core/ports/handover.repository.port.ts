import type { Handover } from '../handover/handover.entity.js';

export interface HandoverRepository {
  /** Records a handover; the same sourceKey twice keeps the first record (a retried command). */
  record(handover: Handover): Promise<{ created: boolean; handover: Handover }>;
  findBySourceKey(sourceKey: string): Promise<Handover | null>;
  /** Handovers given or received by a person in [from, to), newest first. */
  listFor(personId: string, from: Date, to: Date): Promise<Handover[]>;
}
