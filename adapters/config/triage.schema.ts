import { z } from 'zod';
import { DEFAULT_TRIAGE_SETTINGS } from '../../core/classify/triage-settings.js';
import { isBlank, wholeNumber } from './desk-values.js';

const words = (fallback: string[]) =>
  z.preprocess(
    (value) => (isBlank(value) ? fallback : value),
    z.array(z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters')),
  );

const THRESHOLD_MESSAGE = 'must be a number from 0 to 1, e.g. 0.6';
const threshold = z.preprocess(
  (value) => {
    if (isBlank(value)) return DEFAULT_TRIAGE_SETTINGS.threshold;
    return typeof value === 'string' && /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : value;
  },
  z.number({ error: THRESHOLD_MESSAGE }).min(0, THRESHOLD_MESSAGE).max(1, THRESHOLD_MESSAGE),
);

/** desk.yaml `triage:` (learning triage, issue 5). Absent → defaults. */
export const triageSettingsSchema = z
  .strictObject({
    threshold,
    places: words(DEFAULT_TRIAGE_SETTINGS.places),
    systems: words(DEFAULT_TRIAGE_SETTINGS.systems),
    remoteFirst: words(DEFAULT_TRIAGE_SETTINGS.remoteFirst),
    retrainMinutes: wholeNumber({ min: 0, max: 10080, default: DEFAULT_TRIAGE_SETTINGS.retrainMinutes }),
    modelPollSeconds: wholeNumber({ min: 1, max: 3600, default: DEFAULT_TRIAGE_SETTINGS.modelPollSeconds }),
  })
  .prefault({
    threshold: undefined,
    places: undefined,
    systems: undefined,
    remoteFirst: undefined,
    retrainMinutes: undefined,
    modelPollSeconds: undefined,
  });
