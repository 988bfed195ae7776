/** Stable codes: the API and chat replies key on these. */
export const HANDOVER_ERROR_CODES = {
  PERSON_NOT_FOUND: 'HANDOVER_PERSON_NOT_FOUND',
  NOT_DESK: 'HANDOVER_NOT_DESK',
  SAME_PERSON: 'HANDOVER_SAME_PERSON',
  SHIFT_UNKNOWN: 'HANDOVER_SHIFT_UNKNOWN',
} as const;
export type HandoverErrorCode = (typeof HANDOVER_ERROR_CODES)[keyof typeof HANDOVER_ERROR_CODES];

export interface HandoverError {
  code: HandoverErrorCode;
  message: string;
}
