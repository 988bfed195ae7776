/** One missed SLA target, as the KPIs read it (table `sla_breaches`). */
export interface SlaBreachRecord {
  ticketId: string;
  target: 'response' | 'arrival' | 'resolution';
  /** Dispatch count for response and arrival, 0 for resolution. */
  cycle: number;
  priority: string;
  category: string | null;
  calendar: string;
  startedAt: Date;
  dueAt: Date;
  breachedAt: Date;
  assigneeId: string | null;
  ownerId: string | null;
  escalatedTo: string | null;
  vendor: string | null;
}

export interface SlaBreachLog {
  /** Records the breach once per (ticket, target, cycle); false when it was recorded before. */
  record(breach: SlaBreachRecord): Promise<boolean>;
  /** Fills in who the breach was escalated to (after the escalation went through). */
  escalated(
    key: Pick<SlaBreachRecord, 'ticketId' | 'target' | 'cycle'>,
    to: { escalatedTo: string | null; vendor: string | null },
  ): Promise<void>;
}
