import { describe, expect, it } from 'vitest';
import {
  complaintSettingsSchema,
  handoverSettingsSchema,
  satisfactionSettingsSchema,
} from '../../../adapters/config/followups.schema.js';

describe('desk.yaml satisfaction / complaints / handover', () => {
  it('is optional: absent sections stay absent (core applies the defaults)', () => {
    expect(satisfactionSettingsSchema.parse(undefined)).toBeUndefined();
    expect(complaintSettingsSchema.parse(undefined)).toBeUndefined();
    expect(handoverSettingsSchema.parse(undefined)).toBeUndefined();
  });

  it('reads YAML text, fractions included, and fills what is left out', () => {
    expect(satisfactionSettingsSchema.parse({ reminderHours: '0.5', autoCloseHours: '' })).toEqual({
      reminderHours: 0.5,
      autoCloseHours: 72,
    });
    expect(complaintSettingsSchema.parse({ reminderHours: { reported: '48' } })?.reminderHours).toEqual({
      submitted: 4,
      verified: 4,
      reported: 48,
      decided: 4,
      fed_back: 24,
      rated: 24,
    });
    expect(complaintSettingsSchema.parse({})?.reminderHours.submitted).toBe(4);
    expect(handoverSettingsSchema.parse({ flagRepeatMinutes: 15 })).toEqual({ flagRepeatMinutes: 15 });
  });

  it('refuses zero, words, unknown keys and a reminder after the auto-close', () => {
    for (const bad of [
      { reminderHours: 0 },
      { reminderHours: 'soon' },
      { reminderHours: 80, autoCloseHours: 72 },
      { remindHours: 4 },
    ])
      expect(satisfactionSettingsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(complaintSettingsSchema.safeParse({ reminderHours: { escalated: 2 } }).success).toBe(false);
    expect(handoverSettingsSchema.safeParse({ flagRepeatMinutes: -5 }).success).toBe(false);
  });
});
