import { z } from 'zod';
import { DEFAULT_COMPLAINT_REMINDER_HOURS } from '../../core/complaints/complaint-reminder.js';
import { DEFAULT_HANDOVER } from '../../core/handover/handover-settings.js';
import { DEFAULT_SATISFACTION } from '../../core/use-cases/satisfaction/satisfaction-settings.js';
import { isBlank } from './desk-values.js';

/** A positive number (fractions allowed: tests run follow-ups on seconds), typed or from YAML text. */
function positive(max: number, fallback: number) {
  const message = `must be a number greater than 0 and at most ${max}`;
  return z.preprocess(
    (value) => {
      if (isBlank(value)) return fallback;
      return typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    },
    z.number({ error: message }).gt(0, message).max(max, message),
  );
}

/** `satisfaction:` — reminder and auto-close after resolution without a rating (hours). */
export const satisfactionSettingsSchema = z
  .strictObject({
    reminderHours: positive(24 * 30, DEFAULT_SATISFACTION.reminderHours),
    autoCloseHours: positive(24 * 90, DEFAULT_SATISFACTION.autoCloseHours),
  })
  .refine((s) => s.reminderHours < s.autoCloseHours, {
    message: 'reminderHours must be less than autoCloseHours',
    path: ['reminderHours'],
  })
  .optional();

const h = DEFAULT_COMPLAINT_REMINDER_HOURS;

/** `complaints:` — hours a complaint may wait in each step before its reminder. */
export const complaintSettingsSchema = z
  .strictObject({
    reminderHours: z
      .strictObject({
        submitted: positive(24 * 30, h.submitted),
        verified: positive(24 * 30, h.verified),
        reported: positive(24 * 30, h.reported),
        decided: positive(24 * 30, h.decided),
        fed_back: positive(24 * 30, h.fed_back),
        rated: positive(24 * 30, h.rated),
      })
      .prefault({
        submitted: undefined,
        verified: undefined,
        reported: undefined,
        decided: undefined,
        fed_back: undefined,
        rated: undefined,
      }),
  })
  .optional();

/** `handover:` — how often unhanded tickets are flagged again after a shift end (minutes). */
export const handoverSettingsSchema = z
  .strictObject({ flagRepeatMinutes: positive(24 * 60, DEFAULT_HANDOVER.flagRepeatMinutes) })
  .optional();
