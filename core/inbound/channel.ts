import { z } from 'zod';

/** Every way a report can reach the desk. `alert` is the monitoring system. */
export const CHANNELS = ['wechat', 'telegram', 'email', 'phone', 'web', 'alert'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;
