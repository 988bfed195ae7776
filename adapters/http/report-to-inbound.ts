import { inboundMessageSchema, type InboundMessage } from '../../core/inbound/index.js';
import { err, ok, type Result } from '../../core/shared/index.js';
import type { ErrorDetail } from './http-errors.js';
import type { ReportBody } from './schemas/report-body.schema.js';
import { issueMessage, toErrorDetails, type Locale } from './schemas/issue-message.js';

export interface ReportEnvelope {
  /** The idempotency key: the same key submitted twice is one message, so one ticket. */
  externalId: string;
  receivedAt: Date;
}

/** Core paths back to the names the reporter used, so an error points at the right form field. */
function toReportPath(path: string): string {
  if (path.startsWith('sender.')) return `contact.${path.slice('sender.'.length)}`;
  if (path.startsWith('fields.')) return path.slice('fields.'.length);
  if (path === 'text') return 'description';
  if (path === 'externalId') return 'idempotencyKey';
  return path;
}

/** A web report as the one message shape every channel produces, checked by core's own schema. */
export function reportToInboundMessage(
  report: ReportBody,
  envelope: ReportEnvelope,
  locale: Locale = 'en',
): Result<InboundMessage, ErrorDetail[]> {
  const { contact } = report;
  const candidate = {
    channel: 'web',
    externalId: envelope.externalId,
    receivedAt: envelope.receivedAt,
    sender: {
      name: contact.name,
      department: contact.department,
      phone: contact.phone,
      email: contact.email,
      wechatId: contact.wechatId,
      officeLocation: contact.officeLocation,
    },
    text: report.description,
    fields: {
      location: report.location,
      device: report.device,
      deviceDescription: report.deviceDescription,
      moduleType: report.moduleType,
    },
    attachments: [],
  };
  const parsed = inboundMessageSchema.safeParse(candidate, { error: issueMessage(locale) });
  return parsed.success ? ok(parsed.data) : err(toErrorDetails(parsed.error.issues, toReportPath));
}
