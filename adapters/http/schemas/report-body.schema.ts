import { z } from 'zod';
import { senderSchema } from '../../../core/inbound/index.js';
import { MODULE_TYPES } from '../../../core/desk/index.js';
import { err, ok, type Result } from '../../../core/shared/index.js';
import type { ErrorDetail } from '../http-errors.js';
import { issueMessage, toErrorDetails, type Locale } from './issue-message.js';

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/** Printable ASCII only: the key becomes part of a queue job id and a database key. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

/**
 * The body of `POST /api/v1/reports`, as JSON or as a urlencoded form whose field names are the
 * same paths with dots (`contact.name=张三&description=…`). Contact limits come from core's
 * sender schema so the two can never disagree.
 */
export const reportBodySchema = z.object({
  contact: senderSchema.pick({
    name: true,
    department: true,
    phone: true,
    email: true,
    wechatId: true,
    officeLocation: true,
  }),
  location: optionalText(200),
  device: optionalText(200),
  deviceDescription: optionalText(500),
  description: z.string().trim().min(1).max(20_000),
  moduleType: z.enum(MODULE_TYPES).optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
});

export type ReportBody = z.infer<typeof reportBodySchema>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const [i, key] of path.entries()) {
    if (FORBIDDEN_KEYS.has(key)) return;
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
}

/**
 * Turns a form body into the JSON shape: dotted names become nested objects, and blank values
 * (an empty text box, the "不确定" module option) count as absent, as they do for JSON clients.
 */
export function normalizeReportInput(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const cleaned =
      typeof value === 'string' && value.trim() === ''
        ? undefined
        : typeof value === 'object' && value !== null && !Array.isArray(value)
          ? normalizeReportInput(value)
          : value;
    if (cleaned !== undefined) setPath(out, key.split('.'), cleaned);
  }
  return out;
}

export function parseReportBody(raw: unknown, locale: Locale): Result<ReportBody, ErrorDetail[]> {
  const parsed = reportBodySchema.safeParse(normalizeReportInput(raw ?? {}), { error: issueMessage(locale) });
  return parsed.success ? ok(parsed.data) : err(toErrorDetails(parsed.error.issues));
}
