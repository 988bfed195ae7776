/** The cleaned text of a chat line: @-mentions are addressing, not content. */
export function stripMentions(text: string): string {
  // WeChat separates a mention from what follows by U+2005 (a four-per-em space); Telegram by a space.
  return text
    .replace(/@[^\s\u2005@]{1,40}[\s\u2005]?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TICKET_NUMBER = /\b([A-Z]{2,8}-\d{8}-\d{4,})\b/i;

/** The first ticket number a text names (a quoted prompt, an acknowledgement), upper-cased. */
export function ticketNumberIn(text: string | null | undefined): string | null {
  const m = text ? TICKET_NUMBER.exec(text) : null;
  return m?.[1]?.toUpperCase() ?? null;
}

const REPORT_PREFIX = /^[\s【[(（]*(报修|报障|故障报修)/;

/** 报修 … / 报障 …: the reporter says outright that this is a report. */
export const hasReportPrefix = (text: string): boolean => REPORT_PREFIX.test(text);
