/**
 * Runs one parsed chat command for whoever sent it: authorises it by the roster role (core/commands
 * policy), carries out the ticket action or answers the query, and returns the replies with where
 * they go (the conversation, or privately to the sender). See chat-command.types.ts for the router's
 * side of the contract. Nothing here knows WeChat or Telegram.
 */
import type { Command, EngineerCommand, QueryCommand } from '../../commands/command.js';
import { COMMAND_ERROR_CODES } from '../../commands/command.errors.js';
import { authorizeCommand, roleOf, type Requester } from '../../commands/command-policy.js';
import { COMMAND_LABEL } from '../../commands/command-usage.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Person } from '../../desk/person.js';
import type { LinkCallUseCase } from '../../phone/link-call.use-case.js';
import type { Clock } from '../../ports/clock.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketQueryPort } from '../../ports/ticket-query.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { lookupText, progressText } from '../../queries/query-answers.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { Actor } from '../../tickets/ticket-event.js';
import { TICKET_ERROR_CODES } from '../../tickets/ticket.errors.js';
import type { UseCaseError } from '../use-case.errors.js';
import type { TicketActionsUseCase } from '../ticket-actions/ticket-actions.use-case.js';
import type { TicketActionRequest } from '../ticket-actions/ticket-action.types.js';
import { actionDoneText, helpText, linkCallText } from './chat-command-text.js';
import type { ChatCommandInput, ChatCommandOutcome, ChatReply } from './chat-command.types.js';
import { answerQuery, type QuerySettings } from './answer-query.js';
import { findPerson } from './find-person.js';

/** 投诉, executed by the complaints feature; absent = not in this build. */
export type FileComplaint = (req: {
  sourceKey: string;
  channel: Ticket['channel'];
  complainant: {
    personId: string | null;
    name: string;
    address: string | null;
    conversationId: string | null;
  };
  ticketNumber: string;
  text: string;
}) => Promise<Result<{ reference: string }, UseCaseError>>;

/** 交接, executed by the handover feature; absent = not in this build. */
export type HandOverShift = (req: {
  sourceKey: string;
  fromId: string;
  toId: string;
  shift: string;
  notes: string | null;
  channel: Ticket['channel'];
  actor: Actor;
}) => Promise<Result<{ reference: string; tickets: number }, UseCaseError>>;

export interface RunChatCommandDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  queries: TicketQueryPort;
  actions: TicketActionsUseCase;
  clock: Clock;
  desk: Pick<DeskSettings, 'timezone' | 'ticketPrefix' | 'sla'>;
  settings?: Partial<QuerySettings>;
  fileComplaint?: FileComplaint;
  handOverShift?: HandOverShift;
  /** 关联, executed by the phone feature; absent = not in this build. */
  linkCall?: Pick<LinkCallUseCase, 'linkLatestFrom'>;
}

/** Unwinds a retryable action failure out of the command flow to execute(). */
class RetryLater extends Error {
  constructor(readonly error: UseCaseError) {
    super(error.message);
  }
}

const reply = (text: string, about: Ticket | null, isPrivate = false): ChatReply => ({
  text,
  private: isPrivate,
  mention: !isPrivate,
  ticketId: about?.id ?? null,
  ticketNumber: about?.number ?? null,
});

export class RunChatCommandUseCase {
  constructor(private readonly deps: RunChatCommandDeps) {}

  /**
   * Every outcome the sender should hear about is `ok` (refusals and failures included, with their
   * reply). `err` only for a retryable failure (the ticket kept changing under us): run it again.
   */
  async execute(input: ChatCommandInput): Promise<Result<ChatCommandOutcome, UseCaseError>> {
    try {
      return ok(await this.run(input));
    } catch (e) {
      if (e instanceof RetryLater) return err(e.error);
      throw e;
    }
  }

  private async run(input: ChatCommandInput): Promise<ChatCommandOutcome> {
    const { command: parsed, message } = input;
    if (!parsed.ok) {
      const e = parsed.error;
      return { kind: e.kind, status: 'invalid', code: e.code, replies: [reply(e.message, null)] };
    }
    const command = parsed.value;
    const person =
      input.sender !== undefined ? input.sender : await this.deps.people.matchSender(message.sender);
    const requester: Requester = { person, channel: message.channel, sender: message.sender };
    const people = await this.deps.people.list();
    const byId = new Map(people.map((p) => [p.id, p]));

    const ticketNumber = 'ticketNumber' in command ? command.ticketNumber : null;
    const ticket = ticketNumber ? await this.deps.tickets.findByNumber(ticketNumber) : null;
    if (ticketNumber && !ticket) {
      // Said before the role check on purpose: a typo is the likelier mistake, and the number is the sender's own.
      return this.failed(
        command,
        TICKET_ERROR_CODES.NOT_FOUND,
        `没有工单 ${ticketNumber}，请检查工单号。`,
        null,
      );
    }
    const allowed = authorizeCommand(command, requester, ticket, byId);
    if (!allowed.ok)
      return {
        kind: command.kind,
        status: 'refused',
        code: allowed.error.code,
        replies: [reply(allowed.error.message, ticket)],
      };

    const actor: Actor = person?.active
      ? { kind: 'person', id: person.id, name: person.name }
      : { kind: 'reporter', id: person?.id ?? null, name: message.sender.name };

    switch (command.kind) {
      case 'help':
        return this.answered(command, [reply(helpText(roleOf(requester)), null)]);
      case 'progress':
        return ticket
          ? this.answered(command, [reply(progressText(ticket, byId, this.deps.desk.timezone), ticket)])
          : this.failed(command, COMMAND_ERROR_CODES.NO_TICKET, '请写明工单号。', null);
      case 'lookup': {
        if (!ticket) return this.failed(command, COMMAND_ERROR_CODES.NO_TICKET, '请写明工单号。', null);
        const events = await this.deps.tickets.events(ticket.id);
        return this.answered(command, [
          reply(lookupText(ticket, events, byId, this.deps.desk.timezone), ticket, true),
        ]);
      }
      case 'stats':
      case 'overdue':
      case 'unrated':
      case 'missing_log':
      case 'workload':
        return this.query(command, people);
      case 'complain':
        return this.complain(command.text, ticket, requester, input);
      case 'handover':
        return this.handover(command, requester, input, actor, people);
      case 'link_call':
        return this.linkCall(command, ticket, actor);
      case 'cancel':
        return this.act(command, ticket, actor, input, { action: 'cancel', reason: command.reason }, byId);
      default:
        return this.engineerAction(command, ticket, actor, input, people, byId);
    }
  }

  private async query(command: QueryCommand, people: readonly Person[]): Promise<ChatCommandOutcome> {
    const text = await answerQuery(command, {
      queries: this.deps.queries,
      people,
      now: this.deps.clock.now(),
      desk: this.deps.desk,
      settings: this.deps.settings,
    });
    // Other people's tickets, names and numbers: never into a group.
    return this.answered(command, [reply(text, null, true)]);
  }

  private async engineerAction(
    command: EngineerCommand,
    ticket: Ticket | null,
    actor: Actor,
    input: ChatCommandInput,
    people: readonly Person[],
    byId: ReadonlyMap<string, Person>,
  ): Promise<ChatCommandOutcome> {
    let request: TicketActionRequest;
    switch (command.kind) {
      case 'reassign': {
        const target = findPerson(command.target, people);
        if (!target)
          return this.failed(
            command,
            'ACTION_UNKNOWN_PERSON',
            `名册中找不到「${command.target}」，请 @ 工程师的姓名。`,
            ticket,
          );
        request = { action: 'reassign', assigneeId: target.id, reason: command.reason };
        break;
      }
      case 'note':
        request = { action: 'note', text: command.text };
        break;
      case 'pend':
        request = { action: 'pend', reason: command.reason };
        break;
      case 'escalate':
        request = { action: 'escalate', reason: command.reason };
        break;
      case 'resolve': {
        const { process, parts, consumables, remote } = command;
        request = { action: 'resolve', process, parts, consumables, remote };
        break;
      }
      default:
        request = { action: command.kind };
    }
    return this.act(command, ticket, actor, input, request, byId);
  }

  private async act(
    command: Command,
    ticket: Ticket | null,
    actor: Actor,
    input: ChatCommandInput,
    request: TicketActionRequest,
    byId: ReadonlyMap<string, Person>,
  ): Promise<ChatCommandOutcome> {
    if (!ticket) return this.failed(command, COMMAND_ERROR_CODES.NO_TICKET, '请写明工单号。', null);
    const done = await this.deps.actions.execute({
      ticket: { id: ticket.id },
      actor,
      channel: input.message.channel,
      request,
    });
    if (!done.ok) {
      if (done.error.retryable) throw new RetryLater(done.error);
      return this.failed(command, done.error.code, done.error.message, ticket);
    }
    const text = actionDoneText(request, done.value.ticket, byId, this.deps.desk.timezone);
    return { kind: command.kind, status: 'done', code: null, replies: [reply(text, done.value.ticket)] };
  }

  private async complain(
    text: string,
    ticket: Ticket | null,
    r: Requester,
    input: ChatCommandInput,
  ): Promise<ChatCommandOutcome> {
    const file = this.deps.fileComplaint;
    if (!file || !ticket)
      return this.unavailable('complain', '投诉功能暂未开通，请致电服务台热线反映，我们会记录处理。', ticket);
    const m = input.message;
    const filed = await file({
      sourceKey: `${m.channel}:${m.externalId}`,
      channel: m.channel,
      complainant: {
        personId: r.person?.id ?? null,
        name: m.sender.name,
        address: m.sender.externalId ?? null,
        conversationId: m.conversation?.id ?? null,
      },
      ticketNumber: ticket.number,
      text,
    });
    if (!filed.ok)
      return this.failed(
        { kind: 'complain', ticketNumber: ticket.number, text },
        filed.error.code,
        filed.error.message,
        ticket,
      );
    // The complaints feature answers the complainant itself (its receipt names the complaint), in
    // this conversation: a second confirmation from here would only repeat it.
    return { kind: 'complain', status: 'done', code: null, replies: [] };
  }

  private async handover(
    command: Extract<Command, { kind: 'handover' }>,
    r: Requester,
    input: ChatCommandInput,
    actor: Actor,
    people: readonly Person[],
  ): Promise<ChatCommandOutcome> {
    const run = this.deps.handOverShift;
    if (!run || !r.person)
      return this.unavailable('handover', '交接功能暂未开通，请按原流程发交接邮件。', null);
    const successor = findPerson(command.successor, people);
    if (!successor)
      return this.failed(
        command,
        'ACTION_UNKNOWN_PERSON',
        `名册中找不到接班人「${command.successor}」。`,
        null,
      );
    const m = input.message;
    const done = await run({
      sourceKey: `${m.channel}:${m.externalId}`,
      fromId: r.person.id,
      toId: successor.id,
      shift: command.shift,
      notes: command.note,
      channel: m.channel,
      actor,
    });
    if (!done.ok) return this.failed(command, done.error.code, done.error.message, null);
    return this.done(
      'handover',
      `交接完成（${done.value.reference}）：${done.value.tickets} 张未完成工单已交给 ${successor.name}，已邮件通知接班人并抄送运维经理。`,
      null,
    );
  }

  private async linkCall(
    command: Extract<Command, { kind: 'link_call' }>,
    ticket: Ticket | null,
    actor: Actor,
  ): Promise<ChatCommandOutcome> {
    const link = this.deps.linkCall;
    if (!link) return this.unavailable('link_call', '来电关联功能暂未开通，请通过来电接口关联。', ticket);
    const linked = await link.linkLatestFrom(command.phone, command.ticketNumber, actor);
    const text = linkCallText(command.phone, linked, this.deps.desk.timezone);
    if (linked.ok) return this.done('link_call', text, ticket);
    return { kind: 'link_call', status: 'failed', code: linked.error.code, replies: [reply(text, ticket)] };
  }

  private answered(command: Command, replies: ChatReply[]): ChatCommandOutcome {
    return { kind: command.kind, status: 'answered', code: null, replies };
  }

  private done(kind: Command['kind'], text: string, ticket: Ticket | null): ChatCommandOutcome {
    return { kind, status: 'done', code: null, replies: [reply(text, ticket)] };
  }

  private unavailable(kind: Command['kind'], text: string, ticket: Ticket | null): ChatCommandOutcome {
    return { kind, status: 'unavailable', code: 'COMMAND_UNAVAILABLE', replies: [reply(text, ticket)] };
  }

  private failed(command: Command, code: string, message: string, ticket: Ticket | null): ChatCommandOutcome {
    const text = `${COMMAND_LABEL[command.kind]}未成功：${message}`;
    return { kind: command.kind, status: 'failed', code, replies: [reply(text, ticket)] };
  }
}
