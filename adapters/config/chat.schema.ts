import { z } from 'zod';
import { DEFAULT_CHAT_SETTINGS } from '../../core/intake/chat-settings.js';
import { isBlank, wholeNumber } from './desk-values.js';

const SHARE_MESSAGE = 'must be a number from 0 to 1, e.g. 0.6';
const share = (fallback: number) =>
  z.preprocess(
    (value) => {
      if (isBlank(value)) return fallback;
      return typeof value === 'string' && /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : value;
    },
    z.number({ error: SHARE_MESSAGE }).min(0, SHARE_MESSAGE).max(1, SHARE_MESSAGE),
  );

/** desk.yaml `chat:` (chat intake, issue 4). Absent → defaults. */
export const chatSettingsSchema = z
  .strictObject({
    burstWindowSeconds: wholeNumber({ min: 1, max: 600, default: DEFAULT_CHAT_SETTINGS.burstWindowSeconds }),
    burstMaxSeconds: wholeNumber({ min: 1, max: 3600, default: DEFAULT_CHAT_SETTINGS.burstMaxSeconds }),
    reportConfidence: share(DEFAULT_CHAT_SETTINGS.reportConfidence),
    faultCueConfidence: share(DEFAULT_CHAT_SETTINGS.faultCueConfidence),
  })
  .refine((c) => c.burstMaxSeconds >= c.burstWindowSeconds, {
    path: ['burstMaxSeconds'],
    message: 'must be at least burstWindowSeconds',
  })
  .prefault({
    burstWindowSeconds: undefined,
    burstMaxSeconds: undefined,
    reportConfidence: undefined,
    faultCueConfidence: undefined,
  });
