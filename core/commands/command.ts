/**
 * What a chat command asks for, once parsed. Platform-neutral: the WeChat and Telegram bots, and
 * anything else that reads text from people, produce these through parseCommand().
 */

/** 统计/工作量 periods, judged in the desk's time zone. */
export const QUERY_PERIODS = ['today', 'week', 'month'] as const;
export type QueryPeriod = (typeof QUERY_PERIODS)[number];

/** Engineers' work on one ticket (接单 … 完成). */
export type EngineerCommand =
  | { kind: 'acknowledge'; ticketNumber: string }
  | { kind: 'arrive'; ticketNumber: string }
  | { kind: 'note'; ticketNumber: string; text: string }
  | { kind: 'pend'; ticketNumber: string; reason: string }
  | { kind: 'resume'; ticketNumber: string }
  /** `target` is the name, WeChat name or id after the @, as typed. */
  | { kind: 'reassign'; ticketNumber: string; target: string; reason: string | null }
  | { kind: 'escalate'; ticketNumber: string; reason: string }
  | {
      kind: 'resolve';
      ticketNumber: string;
      /** 故障排除过程 */
      process: string;
      parts: string[];
      consumables: string[];
      /** true 远程, false 现场, null when not said (then: on site if the engineer arrived). */
      remote: boolean | null;
    };

/** What a reporter may do about their own ticket. */
export type ReporterCommand =
  | { kind: 'progress'; ticketNumber: string }
  | { kind: 'cancel'; ticketNumber: string; reason: string | null }
  | { kind: 'complain'; ticketNumber: string; text: string };

/** Auditors' and managers' questions. */
export type QueryCommand =
  | { kind: 'lookup'; ticketNumber: string }
  | { kind: 'stats'; period: QueryPeriod }
  | { kind: 'overdue' }
  | { kind: 'unrated' }
  | { kind: 'missing_log' }
  | { kind: 'workload'; period: QueryPeriod };

/** 交接 @successor 早-中 备注: a desk engineer hands the unfinished tickets to the next shift. */
export interface HandoverCommand {
  kind: 'handover';
  successor: string;
  /** e.g. 早-中 */
  shift: string;
  note: string | null;
  /** Tickets named in the note; empty = all of the handing-over person's open tickets. */
  ticketNumbers: string[];
}

/**
 * 关联 #INC-… 号码: the desk ties the caller's latest answered hotline call from that number to the
 * ticket it produced (issue 7). `phone` is the number as typed, punctuation and spaces removed.
 */
export interface LinkCallCommand {
  kind: 'link_call';
  ticketNumber: string;
  phone: string;
}

export type Command =
  EngineerCommand | ReporterCommand | QueryCommand | HandoverCommand | LinkCallCommand | { kind: 'help' };

export type CommandKind = Command['kind'];

export const ENGINEER_COMMAND_KINDS = [
  'acknowledge',
  'arrive',
  'note',
  'pend',
  'resume',
  'reassign',
  'escalate',
  'resolve',
] as const satisfies readonly EngineerCommand['kind'][];

export const QUERY_COMMAND_KINDS = [
  'lookup',
  'stats',
  'overdue',
  'unrated',
  'missing_log',
  'workload',
] as const satisfies readonly QueryCommand['kind'][];

export const isEngineerCommand = (c: Command): c is EngineerCommand =>
  (ENGINEER_COMMAND_KINDS as readonly string[]).includes(c.kind);
export const isQueryCommand = (c: Command): c is QueryCommand =>
  (QUERY_COMMAND_KINDS as readonly string[]).includes(c.kind);
