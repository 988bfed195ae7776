import type { Job } from 'bullmq';
import { notificationSchema } from '../adapters/queue/queue-payloads.js';
import type { Notification } from '../core/ports/job-scheduler.port.js';
import type { RecordDeliveryUseCase } from '../core/use-cases/record-delivery/record-delivery.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/** notify-web: the web reporter reads the desk's answer on the ticket page, so recording it delivers it. */
export const notifyWebProcessor =
  (record: RecordDeliveryUseCase) =>
  async (job: Job): Promise<{ recorded: boolean }> =>
    unwrap(await record.execute(parsePayload(notificationSchema, job.data) as Notification));
