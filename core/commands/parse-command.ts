import { err, ok, type Result } from '../shared/result.js';
import type { Command, CommandKind, QueryPeriod } from './command.js';
import { COMMAND_ERROR_CODES, type CommandParseError } from './command.errors.js';
import { COMMAND_LABEL, COMMAND_USAGE } from './command-usage.js';
import { parseResolution } from './parse-resolution.js';

export interface ParseContext {
  /** The ticket of the prompt this line quote-replies to (the bot's dispatch prompt), if any. */
  quotedTicketNumber: string | null;
  /** Ticket number prefix of the desk (INC). */
  ticketPrefix?: string;
  /** The bot's display names: a leading `@name` with no space after it is still stripped. */
  botNames?: readonly string[];
}

/** Chinese verbs and their English aliases. A Telegram `/ack@DeskBot` is an alias too. */
const VERBS: ReadonlyArray<{ kind: CommandKind; words: readonly string[] }> = [
  { kind: 'acknowledge', words: ['接单', '/ack'] },
  { kind: 'arrive', words: ['到达', '/arrive'] },
  { kind: 'note', words: ['进展', '/note'] },
  { kind: 'pend', words: ['挂起', '/pend'] },
  { kind: 'resume', words: ['恢复', '/resume'] },
  { kind: 'reassign', words: ['转派', '/reassign'] },
  { kind: 'escalate', words: ['升级', '/escalate'] },
  { kind: 'resolve', words: ['完成', '/resolve'] },
  { kind: 'progress', words: ['进度', '/progress'] },
  { kind: 'cancel', words: ['取消', '/cancel'] },
  { kind: 'complain', words: ['投诉', '/complain'] },
  { kind: 'lookup', words: ['查询', '/lookup', '/query'] },
  { kind: 'stats', words: ['统计', '/stats'] },
  { kind: 'overdue', words: ['超时', '/overdue'] },
  { kind: 'unrated', words: ['未评价', '/unrated'] },
  { kind: 'missing_log', words: ['缺日志', '/nolog', '/missinglog'] },
  { kind: 'workload', words: ['工作量', '/workload'] },
  { kind: 'handover', words: ['交接', '/handover'] },
  { kind: 'link_call', words: ['关联', '/link'] },
  { kind: 'help', words: ['帮助', '/help'] },
];

const PERIOD_WORDS: ReadonlyArray<[string, QueryPeriod]> = [
  ['今天', 'today'],
  ['今日', 'today'],
  ['today', 'today'],
  ['本周', 'week'],
  ['这周', 'week'],
  ['week', 'week'],
  ['本月', 'month'],
  ['这个月', 'month'],
  ['month', 'month'],
];

/** Verbs whose argument is a keyword that may follow without a space (统计今天). */
const KEYWORD_ARGS = new Set<CommandKind>(['stats', 'workload']);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Full-width forms (＃ ： ， ＠, full-width letters and digits) become their ASCII twins and every
 * kind of space one plain space, so 接单＃ＩＮＣ… and 接单 #INC… read the same.
 */
export function normalizeCommandText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\u2005\u3000]+/gu, ' ')
    .trim();
}

function stripMentions(text: string, botNames: readonly string[]): string {
  let rest = text;
  for (;;) {
    const before = rest;
    for (const name of botNames) {
      const mention = `@${normalizeCommandText(name)}`;
      if (name !== '' && rest.startsWith(mention)) rest = rest.slice(mention.length).trimStart();
    }
    rest = rest.replace(/^@\S+ /u, '');
    if (rest === before) return rest;
  }
}

interface Matched {
  kind: CommandKind;
  rest: string;
}

function matchVerb(text: string, prefix: string): Matched | null {
  const lower = text.toLowerCase();
  for (const { kind, words } of VERBS) {
    for (const word of words) {
      if (!lower.startsWith(word)) continue;
      let rest = text.slice(word.length);
      if (word.startsWith('/')) {
        rest = rest.replace(/^@\w+/u, '');
        if (rest === '' || /^[\s#]/u.test(rest)) return { kind, rest };
        continue;
      }
      // A Chinese verb glued to ordinary words (完成了, 恢复正常) is conversation, not a command.
      if (rest === '' || /^[\s#:,;]/u.test(rest)) return { kind, rest };
      // 接单。/ 到达! as a quote-reply: the verb alone with a closing mark.
      if (/^[。.!~]+$/u.test(rest)) return { kind, rest: '' };
      if (new RegExp(`^${escapeRegExp(prefix)}-\\d`, 'iu').test(rest)) return { kind, rest };
      if (KEYWORD_ARGS.has(kind) && PERIOD_WORDS.some(([w]) => rest.toLowerCase().startsWith(w)))
        return { kind, rest };
    }
  }
  return null;
}

const ticketPattern = (prefix: string, flags: string): RegExp =>
  new RegExp(`#?\\b${escapeRegExp(prefix)}-\\d{8}-\\d{4,}\\b`, flags);

function malformed(kind: CommandKind, message: string): Result<never, CommandParseError> {
  return err({
    code: COMMAND_ERROR_CODES.MALFORMED,
    kind,
    message: `${message}格式：${COMMAND_USAGE[kind]}`,
    usage: COMMAND_USAGE[kind],
  });
}

/** The argument text: separators after the verb gone, spaces collapsed. */
const tidy = (s: string): string =>
  s
    .replace(/^[\s:,;]+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();

/**
 * A phone number as typed: an optional leading +, then 3 to 15 digits (an internal extension up to
 * E.164's longest), which may be grouped by spaces, - or brackets. The digits (and +) are kept.
 */
function phoneOf(arg: string): string | null {
  if (!/^\+?[\d\s()-]+$/u.test(arg)) return null;
  const compact = arg.replace(/[\s()-]/gu, '');
  return /^\+?\d{3,15}$/u.test(compact) ? compact : null;
}

function periodOf(arg: string, fallback: QueryPeriod): QueryPeriod | null {
  if (arg === '') return fallback;
  const found = PERIOD_WORDS.find(([w]) => arg.toLowerCase() === w);
  return found ? found[1] : null;
}

/**
 * Reads one chat line as a command. `null`: not a command (the router treats it as conversation).
 * An error: the line starts with a command verb but does not fit its form; the message says the
 * expected form in Chinese. The ticket comes from `#INC-…` in the text, else from the quoted prompt.
 */
export function parseCommand(text: string, context: ParseContext): Result<Command, CommandParseError> | null {
  const prefix = (context.ticketPrefix ?? 'INC').toUpperCase();
  const line = stripMentions(normalizeCommandText(text), context.botNames ?? []);
  const matched = matchVerb(line, prefix);
  if (!matched) return null;
  const { kind } = matched;

  const numbers = [...matched.rest.matchAll(ticketPattern(prefix, 'giu'))].map((m) =>
    m[0].replace(/^#/u, '').toUpperCase(),
  );
  const arg = tidy(matched.rest.replace(ticketPattern(prefix, 'giu'), ' '));
  const quoted = context.quotedTicketNumber ? context.quotedTicketNumber.toUpperCase() : null;
  const ticketNumber = numbers[0] ?? quoted;

  switch (kind) {
    case 'help':
      return ok({ kind });
    case 'overdue':
    case 'unrated':
    case 'missing_log':
      return arg === '' ? ok({ kind }) : malformed(kind, `「${COMMAND_LABEL[kind]}」不带参数。`);
    case 'stats':
    case 'workload': {
      const period = periodOf(arg, kind === 'stats' ? 'today' : 'month');
      return period
        ? ok({ kind, period })
        : malformed(kind, `看不懂时间范围「${arg}」，可用 今天/本周/本月。`);
    }
    case 'handover':
      return parseHandover(arg, numbers);
    default:
      break;
  }

  if (!ticketNumber) {
    return err({
      code: COMMAND_ERROR_CODES.NO_TICKET,
      kind,
      message: `请写明工单号，或引用派单消息回复。格式：${COMMAND_USAGE[kind]}`,
      usage: COMMAND_USAGE[kind],
    });
  }

  switch (kind) {
    case 'acknowledge':
    case 'arrive':
    case 'resume':
    case 'progress':
    case 'lookup':
      return ok({ kind, ticketNumber });
    case 'note':
      return arg ? ok({ kind, ticketNumber, text: arg }) : malformed(kind, '请写明处理进展。');
    case 'pend':
      return arg ? ok({ kind, ticketNumber, reason: arg }) : malformed(kind, '挂起需要写明原因。');
    case 'escalate':
      return arg ? ok({ kind, ticketNumber, reason: arg }) : malformed(kind, '升级需要写明原因。');
    case 'complain':
      return arg ? ok({ kind, ticketNumber, text: arg }) : malformed(kind, '请写明投诉内容。');
    case 'cancel':
      return ok({ kind, ticketNumber, reason: arg || null });
    case 'reassign': {
      const m = /(?:^|\s)@(\S+)/u.exec(arg);
      if (!m?.[1]) return malformed(kind, '请用 @ 指明转派给哪位工程师。');
      return ok({ kind, ticketNumber, target: m[1], reason: tidy(arg.replace(m[0], ' ')) || null });
    }
    case 'link_call': {
      if (new Set(numbers).size > 1) return malformed(kind, '一次只能关联到一张工单。');
      if (arg === '') return malformed(kind, '请写明来电号码。');
      const phone = phoneOf(arg);
      if (!phone) return malformed(kind, `「${arg.slice(0, 30)}」不是电话号码（3 到 15 位数字）。`);
      return ok({ kind, ticketNumber, phone });
    }
    case 'resolve': {
      const r = parseResolution(arg);
      if (!r.process) return malformed(kind, '完成需要写明处理过程。');
      return ok({ kind, ticketNumber, ...r });
    }
    default:
      return malformed(kind, '无法识别的命令。');
  }
}

function parseHandover(arg: string, ticketNumbers: string[]): Result<Command, CommandParseError> {
  const m = /(?:^|\s)@(\S+)/u.exec(arg);
  if (!m?.[1]) return malformed('handover', '请用 @ 指明接班人。');
  const rest = tidy(arg.replace(m[0], ' '));
  const shift = /(?:^|\s)([^\s@#-]{1,6}-[^\s@#-]{1,6})(?=\s|$)/u.exec(rest);
  if (!shift?.[1]) return malformed('handover', '请写明交接班次，如 早-中。');
  const note = tidy(rest.replace(shift[0], ' '));
  return ok({ kind: 'handover', successor: m[1], shift: shift[1], note: note || null, ticketNumbers });
}
