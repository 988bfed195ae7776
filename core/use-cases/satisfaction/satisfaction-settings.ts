/** desk.yaml `satisfaction:`; hours may be fractions (tests use seconds' worth). */
export interface SatisfactionSettings {
  reminderHours: number;
  autoCloseHours: number;
}

export const DEFAULT_SATISFACTION: SatisfactionSettings = { reminderHours: 4, autoCloseHours: 72 };

export const RATING_REMINDER_KIND = 'followup.rating-reminder';
export const AUTO_CLOSE_KIND = 'followup.auto-close';
export const FOLLOWUP_FAMILY = 'followup';

/** Ratings at or below this (不满意 / 非常不满意) alert the managers and offer the complaint path. */
export const LOW_RATING = 2;

export const hoursLater = (from: Date, hours: number): Date => new Date(from.getTime() + hours * 3_600_000);
