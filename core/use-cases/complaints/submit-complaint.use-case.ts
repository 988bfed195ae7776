import type { Complaint } from '../../complaints/complaint.entity.js';
import type { Channel } from '../../inbound/channel.js';
import { complaintReceivedText } from '../../notify/followup-text.js';
import { err, ok, type Result } from '../../shared/result.js';
import { localDate } from '../../shared/local-time.js';
import { permanent, type UseCaseError } from '../use-case.errors.js';
import type { ComplaintDeps } from './complaint-deps.js';
import { nextStepNotifications, toComplainant } from './complaint-notifications.js';
import { followStep } from './complaint-progress.js';

export interface SubmitComplaintCommand {
  /** Idempotency key: `<channel>:<message id>` for a chat or mail command, the API's Idempotency-Key. */
  sourceKey: string;
  channel: Channel;
  complainant: {
    personId?: string | null;
    name: string;
    address?: string | null;
    conversationId?: string | null;
  };
  text: string;
  /** The ticket complained about (投诉 #INC-…); optional for a complaint about the service in general. */
  ticketNumber?: string | null;
  /** The engineer complained about; defaults to the ticket's current assignee. */
  engineerId?: string | null;
}

export const COMPLAINT_TEXT_REQUIRED = 'COMPLAINT_TEXT_REQUIRED';

/**
 * 投诉: files a complaint from any channel (the chat command 投诉 #INC-… 内容, mail, the web/API),
 * tells the complainant it is registered and the desk that it must verify it, and starts the
 * reminder for that step. Submitting the same sourceKey again returns the first complaint.
 */
export class SubmitComplaintUseCase {
  constructor(private readonly deps: ComplaintDeps) {}

  async execute(
    cmd: SubmitComplaintCommand,
  ): Promise<Result<{ complaint: Complaint; created: boolean }, UseCaseError>> {
    const text = cmd.text.trim();
    if (text === '') return err(permanent(COMPLAINT_TEXT_REQUIRED, 'Say what the complaint is about.'));
    const ticket = cmd.ticketNumber ? await this.deps.tickets.findByNumber(cmd.ticketNumber) : null;
    if (cmd.ticketNumber && !ticket)
      return err(
        permanent('TICKET_NOT_FOUND', `No ticket ${cmd.ticketNumber}.`, { ticketNumber: cmd.ticketNumber }),
      );
    if (cmd.engineerId && !(await this.deps.people.findById(cmd.engineerId)))
      return err(permanent('PERSON_NOT_FOUND', `No person ${cmd.engineerId} in the roster.`));

    const at = this.deps.clock.now();
    const day = localDate(at, this.deps.desk.timezone).replaceAll('-', '');
    const draft: Complaint = {
      id: `CMP-${day}-${this.deps
        .newId()
        .replace(/[^0-9a-z]/gi, '')
        .slice(0, 6)
        .toUpperCase()}`,
      sourceKey: cmd.sourceKey,
      version: 1,
      status: 'submitted',
      ticketId: ticket?.id ?? null,
      ticketNumber: ticket?.number ?? null,
      channel: cmd.channel,
      complainant: {
        personId: cmd.complainant.personId ?? null,
        name: cmd.complainant.name,
        address: cmd.complainant.address ?? null,
        conversationId: cmd.complainant.conversationId ?? null,
      },
      text,
      engineerId: cmd.engineerId ?? ticket?.assigneeId ?? null,
      upheld: null,
      decision: null,
      rating: null,
      steps: [
        {
          step: 'submit',
          at,
          actor: { kind: 'complainant', id: cmd.complainant.personId ?? null, name: cmd.complainant.name },
          note: null,
        },
      ],
      createdAt: at,
      updatedAt: at,
    };
    const { created, complaint } = await this.deps.complaints.create(draft);
    const record = complaint.steps[0];
    if (!record) return err(permanent('COMPLAINT_CORRUPT', `Complaint ${complaint.id} has no history.`));
    // Also on a repeat: the earlier run may have died before the event and notifications.
    if (complaint.status === 'submitted') {
      const people = await this.deps.people.list();
      await followStep(
        this.deps,
        complaint,
        record,
        null,
        [
          toComplainant(
            complaint,
            this.deps.enabledChannels,
            `complaint-received-${complaint.id}`,
            complaintReceivedText(complaint),
          ),
          ...nextStepNotifications(complaint, people, ticket, this.deps, false),
        ],
        { text },
      );
    }
    return ok({ complaint, created });
  }
}
