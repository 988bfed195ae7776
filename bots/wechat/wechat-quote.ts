/**
 * WeChat shows a quote-reply as text: 「name：quoted」, a dashed rule, then the reply. The platform
 * gives no id of the quoted message, so the quoted text is what links the reply to its ticket.
 */
const QUOTE = /^「([^」]*)」\s*\n\s*(?:- ){3,}-?\s*\n([\s\S]*)$/;

export function splitWechatQuote(text: string): { quoted: string | null; reply: string } {
  const m = QUOTE.exec(text);
  if (!m) return { quoted: null, reply: text };
  return { quoted: m[1] ?? null, reply: (m[2] ?? '').trim() };
}
