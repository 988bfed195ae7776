import { z } from 'zod';
import { MODULE_TYPES, WEEKDAYS, type SlaCalendarDefinition } from '../../core/desk/index.js';
import { isBlank, nullableText, wholeNumber } from './desk-values.js';

export const DEFAULT_SLA_RESPONSE_MINUTES = 10;
const YEAR_MINUTES = 366 * 24 * 60;

/** Absent → core's default; `off` → no such target for that priority. */
const targetMinutes = z.preprocess(
  (v) => (isBlank(v) ? undefined : typeof v === 'string' && v.trim().toLowerCase() === 'off' ? null : v),
  wholeNumber({ min: 1, max: YEAR_MINUTES }).nullable().optional(),
);

const targetsSchema = z.strictObject({
  responseMinutes: targetMinutes,
  arrivalMinutes: targetMinutes,
  resolutionMinutes: targetMinutes,
});

const clock = (latest: '23:59' | '24:00') =>
  z
    .string()
    .trim()
    .regex(
      latest === '24:00' ? /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^(?:[01]\d|2[0-3]):[0-5]\d$/,
      `must be a time HH:MM from 00:00 to ${latest}`,
    );

const windowSchema = z.strictObject({
  days: z
    .preprocess(
      (v) => (isBlank(v) ? ['mon', 'tue', 'wed', 'thu', 'fri'] : v),
      z
        .array(z.enum(WEEKDAYS, `must be a weekday: ${WEEKDAYS.join(', ')}`))
        .min(1, 'must name at least one day'),
    )
    .transform((days) => WEEKDAYS.filter((d) => days.includes(d))),
  start: clock('23:59'),
  end: clock('24:00'),
});

const calendarSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .regex(/^[\w\u4e00-\u9fff-]{1,40}$/, 'must be 1–40 letters, digits, - or _')
      .refine((n) => n !== '24x7', '24x7 is the built-in calendar; choose another name'),
    hours: z.array(windowSchema).min(1, 'must list the working hours'),
    holidays: z.preprocess(
      (v) => (isBlank(v) ? 'cn' : v),
      z.enum(['cn', 'none'], 'must be cn (Chinese public holidays and 调休) or none'),
    ),
  })
  .transform((c): SlaCalendarDefinition => ({
    name: c.name,
    kind: 'hours',
    windows: c.hours,
    holidays: c.holidays,
  }));

const vendorSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  phone: nullableText(z.string().max(40)),
  email: nullableText(z.email('must be an email address')),
});

const category = z.enum(MODULE_TYPES, `must be one of the module types ${MODULE_TYPES.join(', ')}`);

/**
 * desk.yaml `sla:` (issue 6). Everything but responseMinutes is optional: absent targets take
 * core/sla's defaults per priority, absent calendars mean 7×24 for every category.
 */
export const slaPolicySchema = z
  .strictObject({
    responseMinutes: wholeNumber({ min: 1, max: 1440, default: DEFAULT_SLA_RESPONSE_MINUTES }),
    reminderPercents: z.preprocess(
      (v) => (isBlank(v) ? undefined : v),
      z.array(wholeNumber({ min: 1, max: 99 })).optional(),
    ),
    targets: z
      .strictObject({
        P1: targetsSchema.optional(),
        P2: targetsSchema.optional(),
        P3: targetsSchema.optional(),
        P4: targetsSchema.optional(),
      })
      .optional(),
    calendars: z.array(calendarSchema).optional(),
    categoryCalendars: z.partialRecord(category, z.string().trim().min(1)).optional(),
    vendors: z.partialRecord(category, vendorSchema).optional(),
  })
  .superRefine((sla, ctx) => {
    const names = new Set((sla.calendars ?? []).map((c) => c.name));
    if (names.size !== (sla.calendars ?? []).length)
      ctx.addIssue({ code: 'custom', path: ['calendars'], message: 'calendar names must be unique' });
    for (const [cat, name] of Object.entries(sla.categoryCalendars ?? {}))
      if (name !== '24x7' && !names.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['categoryCalendars', cat],
          message: `names no calendar: define "${name}" under sla.calendars (or use 24x7)`,
        });
  })
  .prefault({ responseMinutes: undefined });
