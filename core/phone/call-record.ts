/** What the PBX says happened to a call (Asterisk's dispositions; other PBXs are mapped onto them). */
export const DISPOSITIONS = ['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Dispositions that leave a caller waiting for the desk to ring back. */
export const MISSED_DISPOSITIONS: readonly Disposition[] = ['NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION'];

/**
 * One call as the desk counts it (the `calls` table). A PBX writes one CDR row per leg; legs of one
 * call share a source id (Asterisk's linkedid) and are merged by `mergeCalls`.
 */
export interface CallRecord {
  /** The PBX's id for the whole call: linkedid, else uniqueid, else a digest of the row. */
  sourceId: string;
  startedAt: Date;
  /** Only for answered calls: some PBX versions copy the start time into unanswered legs. */
  answeredAt: Date | null;
  endedAt: Date;
  caller: string;
  callee: string;
  disposition: Disposition;
  durationS: number;
  billsecS: number;
  /** The call reached one of the desk's hotlines (desk.yaml `hotlines`). */
  isDeskCall: boolean;
}

export const isAnswered = (c: Pick<CallRecord, 'disposition'>): boolean => c.disposition === 'ANSWERED';
export const isMissed = (c: Pick<CallRecord, 'disposition'>): boolean =>
  MISSED_DISPOSITIONS.includes(c.disposition);
