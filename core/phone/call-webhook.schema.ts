import { z } from 'zod';
import { DISPOSITIONS } from './call-record.js';

const text = (max: number) => z.string().trim().max(max);

/**
 * `POST /api/v1/calls`: one call, or `{ calls: [...] }` for up to 1000, as a PBX hook or a small
 * bridge script sends them. Times are ISO 8601 with a zone (or Unix seconds).
 */
export const callWebhookItemSchema = z.strictObject({
  id: text(200).min(1),
  startedAt: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
  answeredAt: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).nullish(),
  endedAt: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).optional(),
  caller: text(80),
  callee: text(80),
  disposition: z.enum(DISPOSITIONS, `must be one of ${DISPOSITIONS.join(', ')}`),
  durationS: z.number().int().min(0).optional(),
  billsecS: z.number().int().min(0).optional(),
});

export const callWebhookBodySchema = z.union([
  callWebhookItemSchema.transform((c) => [c]),
  z.strictObject({ calls: z.array(callWebhookItemSchema).min(1).max(1000) }).transform((b) => b.calls),
]);

export type CallWebhookItem = z.infer<typeof callWebhookItemSchema>;
