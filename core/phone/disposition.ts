import type { Disposition } from './call-record.js';

const ALIASES: Record<string, Disposition> = {
  ANSWER: 'ANSWERED',
  ANSWERED: 'ANSWERED',
  'NO ANSWER': 'NO ANSWER',
  NOANSWER: 'NO ANSWER',
  NO_ANSWER: 'NO ANSWER',
  MISSED: 'NO ANSWER',
  BUSY: 'BUSY',
  FAILED: 'FAILED',
  CONGESTION: 'CONGESTION',
};

/** Text that is already one of the keys (as cdr_csv writes it): no normalizing needed. */
const EXACT = new Map(Object.entries(ALIASES));

/** A PBX's disposition text in our vocabulary, or null when it is none we know. */
export function parseDisposition(value: string): Disposition | null {
  const exact = EXACT.get(value);
  if (exact) return exact;
  const key = value.trim().toUpperCase().replace(/\s+/g, ' ');
  return ALIASES[key] ?? ALIASES[key.replace(/[ -]/g, '_')] ?? null;
}

// Merging legs keeps the most telling outcome: one answered leg makes the call answered.
const RANK: Record<Disposition, number> = {
  ANSWERED: 4,
  BUSY: 3,
  CONGESTION: 2,
  FAILED: 1,
  'NO ANSWER': 0,
};

export const dispositionRank = (d: Disposition): number => RANK[d];
export const strongerDisposition = (a: Disposition, b: Disposition): Disposition =>
  RANK[a] >= RANK[b] ? a : b;
