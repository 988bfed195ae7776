import type { ComplaintParty, ComplaintStatus, ComplaintStep } from './complaint-status.js';

/** Stable codes: the API, chat replies and logs key on these. */
export const COMPLAINT_ERROR_CODES = {
  NOT_FOUND: 'COMPLAINT_NOT_FOUND',
  INVALID_STEP: 'COMPLAINT_INVALID_STEP',
  NOT_ENTITLED: 'COMPLAINT_NOT_ENTITLED',
  DETAILS_REQUIRED: 'COMPLAINT_DETAILS_REQUIRED',
  CONCURRENT_UPDATE: 'COMPLAINT_CONCURRENT_UPDATE',
} as const;
export type ComplaintErrorCode = (typeof COMPLAINT_ERROR_CODES)[keyof typeof COMPLAINT_ERROR_CODES];

export interface ComplaintError {
  code: ComplaintErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const invalidStep = (step: ComplaintStep, status: ComplaintStatus): ComplaintError => ({
  code: COMPLAINT_ERROR_CODES.INVALID_STEP,
  message: `The complaint is ${status}; "${step}" is not the step it waits for.`,
  details: { step, status },
});

export const notEntitled = (
  step: ComplaintStep,
  who: ComplaintParty | 'unknown',
  allowed: readonly ComplaintParty[],
): ComplaintError => ({
  code: COMPLAINT_ERROR_CODES.NOT_ENTITLED,
  message: `"${step}" is taken by ${allowed.join(' or ')}, not by ${who}.`,
  details: { step, who, allowed },
});

export const detailsRequired = (step: ComplaintStep, what: string): ComplaintError => ({
  code: COMPLAINT_ERROR_CODES.DETAILS_REQUIRED,
  message: `"${step}" needs ${what}.`,
  details: { step },
});
