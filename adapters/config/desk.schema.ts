import { z } from 'zod';
import { FALLBACK_MODULE_TYPE, MODULE_TYPES, WEEKDAYS, type DeskSettings } from '../../core/desk/index.js';
import { deskCrossChecks } from './desk-cross-checks.js';
import { optionalList } from './desk-values.js';
import { personSchema } from './person.schema.js';
import { DEFAULT_SLA_RESPONSE_MINUTES, slaPolicySchema } from './sla.schema.js';
import { commandSettingsSchema } from './commands.schema.js';
import { emailSettingsSchema } from './email.schema.js';
import { triageSettingsSchema } from './triage.schema.js';
import { phoneSettingsSchema } from './phone.schema.js';
import { alertSettingsSchema } from './alerts.schema.js';
import { reportSettingsSchema } from './reports.schema.js';
import { chatSettingsSchema } from './chat.schema.js';
import {
  complaintSettingsSchema,
  handoverSettingsSchema,
  satisfactionSettingsSchema,
} from './followups.schema.js';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
export const DEFAULT_TICKET_PREFIX = 'INC';
export const DEFAULT_RESPONSE_MINUTES = DEFAULT_SLA_RESPONSE_MINUTES;

const name = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const clock = (latest: '23:59' | '24:00') =>
  z
    .string()
    .trim()
    .regex(
      latest === '24:00' ? /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^(?:[01]\d|2[0-3]):[0-5]\d$/,
      `must be a time HH:MM from 00:00 to ${latest}`,
    );

export const shiftSchema = z.strictObject({
  name: name(20),
  start: clock('23:59'),
  end: clock('24:00'),
});

export const rotaEntrySchema = z.strictObject({
  shift: name(20),
  people: z.array(name(64)).min(1, 'must name at least one person id'),
  days: z
    .preprocess(
      (value) => (value === undefined || value === null || value === '' ? [...WEEKDAYS] : value),
      z
        .array(z.enum(WEEKDAYS, `must be a weekday: ${WEEKDAYS.join(', ')}`))
        .min(1, 'must name at least one day'),
    )
    .transform((days) => WEEKDAYS.filter((day) => days.includes(day))),
});

export const categorySchema = z
  .strictObject({
    name: z.enum(MODULE_TYPES, `must be one of the module types ${MODULE_TYPES.join(', ')}`),
    keywords: optionalList(name(50)),
  })
  .superRefine((category, ctx) => {
    if (category.name !== FALLBACK_MODULE_TYPE && category.keywords.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['keywords'],
        message: `must list at least one keyword (only ${FALLBACK_MODULE_TYPE} may have none)`,
      });
    }
  });

export const deskSettingsSchema = z
  .strictObject({
    name: name(100),
    timezone: z
      .string()
      .trim()
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
      .default(DEFAULT_TIMEZONE),
    ticketPrefix: z
      .string()
      .trim()
      .regex(/^[A-Z]{2,8}$/, 'must be 2 to 8 capital letters A–Z, e.g. INC')
      .default(DEFAULT_TICKET_PREFIX),
    people: z.array(personSchema).min(1, 'must list the desk roster'),
    shifts: z.array(shiftSchema).min(1, 'must define at least one shift'),
    rota: z.array(rotaEntrySchema).min(1, 'must say who works which shift'),
    categories: z.array(categorySchema).min(1, 'must define at least one category'),
    hotlines: optionalList(
      z
        .string()
        .trim()
        .regex(/^\d{3,20}$/, 'must be digits only, e.g. 88886666'),
    ),
    sla: slaPolicySchema,
    triage: triageSettingsSchema,
    chat: chatSettingsSchema,
    satisfaction: satisfactionSettingsSchema,
    complaints: complaintSettingsSchema,
    handover: handoverSettingsSchema,
    commands: commandSettingsSchema,
    phone: phoneSettingsSchema,
    alerts: alertSettingsSchema,
    reports: reportSettingsSchema,
    email: emailSettingsSchema,
  })
  // Cross-checks run even when some fields failed, so one boot reports every problem in the file.
  .superRefine(deskCrossChecks, {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export type DeskSettingsOutput = z.output<typeof deskSettingsSchema>;

// Compile-time proof that what the schema produces is what core expects.
const _schemaMatchesCore = (settings: DeskSettingsOutput): DeskSettings => settings;
void _schemaMatchesCore;
