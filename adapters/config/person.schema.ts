import { z } from 'zod';
import { MODULE_TYPES, ROLES } from '../../core/desk/index.js';
import { flag, isBlank, nullableText, optionalList } from './desk-values.js';

const LEVEL_MESSAGE = 'must be 1, 2 or 3 (L1 first line … L3 expert)';

const level = z.preprocess(
  (value) => {
    if (isBlank(value)) return null;
    return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  },
  z.union([z.literal(1), z.literal(2), z.literal(3)], { error: LEVEL_MESSAGE }).nullable(),
);

/** One roster entry. Rules that need the whole file (role ⇄ level, references, duplicates) are cross-checks. */
export const personSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/,
      "must be a slug: lowercase letters and digits joined by '-' or '_' (e.g. desk-lina)",
    )
    .max(64, 'must be at most 64 characters'),
  name: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'),
  role: z.enum(ROLES, `must be one of ${ROLES.join(', ')}`),
  level,
  department: nullableText(z.string().max(100, 'must be at most 100 characters')),
  officeLocation: nullableText(z.string().max(200, 'must be at most 200 characters')),
  phone: nullableText(
    z
      .string()
      .regex(
        /^\+?\d[\d -]{2,24}\d$/,
        "must be a phone number: digits, optionally with '+', spaces or '-' (e.g. 010-62780000)",
      ),
  ),
  email: nullableText(
    z.string().toLowerCase().pipe(z.email('must be a mail address, e.g. lina@example.edu.cn').max(200)),
  ),
  wechatId: nullableText(
    z
      .string()
      .regex(
        /^[A-Za-z][-_A-Za-z0-9]{3,63}$/,
        'must be a WeChat ID (微信号): starts with a letter, then letters, digits, - or _',
      ),
  ),
  wechatName: nullableText(z.string().max(100, 'must be at most 100 characters')),
  telegramId: nullableText(
    z.string().regex(/^\d{1,20}$/, 'must be the numeric Telegram user id (not the @username)'),
  ),
  skills: optionalList(
    z.enum(MODULE_TYPES, `must be a category name: one of ${MODULE_TYPES.join(', ')}`),
  ).transform((skills) => [...new Set(skills)]),
  areas: optionalList(
    z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  ),
  active: flag(true),
  /** Own dashboard login (desk, manager, auditor, it_head): a hash from `deskbot hash-password`. */
  passwordHash: z
    .string()
    .trim()
    .regex(
      /^scrypt\$\d{1,7}\$\d{1,3}\$\d{1,3}\$[\w-]{16,}\$[\w-]{32,}$/,
      'must be a hash printed by `deskbot hash-password`',
    )
    .optional(),
});
