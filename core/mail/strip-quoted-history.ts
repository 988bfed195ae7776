// Lines that open the quoted history mail clients put under a reply or a forward.
const SEPARATOR =
  /^\s*-{2,}\s*(原始邮件|原始郵件|original message|forwarded message|转发邮件|转发的邮件)\s*-{2,}\s*$/i;
const CHINESE_WROTE = /^\s*在.{1,160}写道[：:]\s*$/;
const ENGLISH_WROTE = /^\s*on\b.{1,240}\bwrote:\s*$/i;
const RULE = /^\s*_{10,}\s*$/;
const FROM_LINE = /^\s*\*?(from|发件人|寄件者)\s*\*?\s*[:：]/i;
const HEADER_LINE =
  /^\s*\*?(sent|date|to|cc|subject|发送时间|日期|收件人|抄送|主题|寄件日期|主旨)\s*\*?\s*[:：]/i;

/** An Outlook-style block: "From:" followed by at least two more header lines. */
function isHeaderBlock(lines: readonly string[], i: number): boolean {
  if (!FROM_LINE.test(lines[i] ?? '')) return false;
  let headers = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) if (HEADER_LINE.test(lines[j] ?? '')) headers++;
  return headers >= 2;
}

function quoteStartsAt(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (SEPARATOR.test(line) || CHINESE_WROTE.test(line) || ENGLISH_WROTE.test(line)) return true;
  // Gmail wraps a long "On … wrote:" over two lines.
  const joined = `${line} ${lines[i + 1] ?? ''}`;
  if (/^\s*on\b/i.test(line) && ENGLISH_WROTE.test(joined)) return true;
  if (/^\s*在/.test(line) && CHINESE_WROTE.test(joined)) return true;
  if (RULE.test(line) && isHeaderBlock(lines, i + 1)) return true;
  return isHeaderBlock(lines, i);
}

/**
 * The new text of a reply: everything above the first quoted-history marker (Chinese and English
 * client markers, Outlook header blocks), without trailing `>` lines. A mail that is nothing but
 * quote (a bare forward) is kept whole: better too much text on the ticket than none.
 */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.findIndex((_, i) => quoteStartsAt(lines, i));
  if (end === -1) end = lines.length;
  let kept = lines.slice(0, end);
  while (kept.length > 0 && /^\s*(>.*)?$/.test(kept[kept.length - 1] ?? '')) kept = kept.slice(0, -1);
  const result = kept.join('\n').trim();
  return result === '' ? text.trim() : result;
}
