import { z } from 'zod';
import { DEFAULT_PHONE_SETTINGS, DISPOSITIONS } from '../../core/phone/index.js';
import { wholeNumber } from './desk-values.js';

const column = z.union([
  z.string().trim().min(1, 'must name a column').max(100),
  z.number().int().min(1, 'column positions start at 1').max(500),
]);

/** desk.yaml `phone.csv`: a PBX's own CSV layout. */
const csvMappingSchema = z.strictObject({
  delimiter: z.string().min(1).max(1, 'must be one character').default(','),
  header: z.boolean().default(true),
  columns: z.strictObject({
    id: column,
    start: column,
    answer: column.optional(),
    end: column.optional(),
    caller: column,
    callee: column,
    disposition: column,
    duration: column.optional(),
    billsec: column.optional(),
  }),
  dispositions: z
    .record(z.string(), z.enum(DISPOSITIONS, `must be one of ${DISPOSITIONS.join(', ')}`))
    .default({}),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** desk.yaml `phone:` (issue 7). Absent → defaults. */
export const phoneSettingsSchema = z
  .strictObject({
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
      .optional(),
    callbackMaxAgeMinutes: wholeNumber({
      min: 1,
      max: 525_600,
      default: DEFAULT_PHONE_SETTINGS.callbackMaxAgeMinutes,
    }),
    csv: csvMappingSchema.optional(),
  })
  .prefault({ callbackMaxAgeMinutes: undefined });
