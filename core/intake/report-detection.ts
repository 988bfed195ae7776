import type { ChatMessageKind } from '../inbound/inbound-message.js';
import type { Classification } from '../classify/classification.js';
import type { ChatSettings } from './chat-settings.js';
import { hasReportPrefix } from './chat-text.js';

/** Why a line was, or was not, taken as a report: stored with the draft and logged. */
export type ReportReason =
  | 'report_prefix'
  | 'mentions_bot'
  | 'private_chat'
  | 'fault_text'
  | 'fault_cue'
  | 'sticker'
  | 'media_alone'
  | 'greeting'
  | 'thanks'
  | 'too_short'
  | 'low_confidence';

export interface ReportDecision {
  isReport: boolean;
  reason: ReportReason;
  /** The classifier's confidence, when it was asked. */
  confidence: number | null;
}

export interface ChatLine {
  /** Text with mentions stripped. */
  text: string;
  kind: ChatMessageKind;
  isGroup: boolean;
  mentionsBot: boolean;
}

const GREETING =
  /^(大家|各位|老师们?|同事们?)?(你好|您好|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早|hi|hello|hey|在吗|在不在)[!！~。.，, 呀啊哈]*$/i;
const THANKS =
  /^(好的|好滴|收到|了解|明白|嗯+|哦+|ok|okay|谢谢|谢了|多谢|感谢|辛苦了?|麻烦了|👍|哈+|呵+|没事了?|不客气)[\s!！~。.，,了啦呀啊哈老师您你大家各位辛苦谢]*$/i;
/** Words that say something is wrong; a weak category hint plus one of these is a report. */
const FAULT_CUE =
  /坏|故障|不能|无法|不了|打不开|连不上|上不了|不通|没反应|没有反应|异常|报错|错误|黑屏|蓝屏|花屏|卡纸|死机|失灵|不亮|断网|没网|掉线|不出|不响|不动|用不了|登不上|登录不上|进不去|很慢|特别慢|问题|error|fail|broken|down/i;
const MIN_REPORT_CHARS = 4;

const chars = (s: string): number => Array.from(s).length;

/**
 * Lines that are not a report by themselves but may belong to one whose report line is a moment
 * behind (a picture first, or a worker that took the next line sooner): held for one window.
 */
export const TENTATIVE_REASONS: readonly ReportReason[] = ['media_alone', 'low_confidence'];

export const isTentative = (reason: ReportReason): boolean => TENTATIVE_REASONS.includes(reason);

/**
 * Decides whether a chat line opens a report. Cues first (a sticker, a greeting or a thank-you is
 * never a report, even when it mentions the bot), then the reporter's own words (报修, @bot, a private
 * chat with the bot), then the classifier: a confident category, or a weaker one with a fault cue.
 */
export function detectReport(
  line: ChatLine,
  classification: Classification | null,
  settings: Pick<ChatSettings, 'reportConfidence' | 'faultCueConfidence'>,
): ReportDecision {
  const text = line.text.trim();
  const confidence = classification?.confidence ?? null;
  const no = (reason: ReportReason): ReportDecision => ({ isReport: false, reason, confidence });
  const yes = (reason: ReportReason): ReportDecision => ({ isReport: true, reason, confidence });

  if (line.kind === 'sticker' || line.kind === 'emoji') return no('sticker');
  if (text === '') return no(line.kind === 'text' ? 'too_short' : 'media_alone');
  if (hasReportPrefix(text)) return yes('report_prefix');
  if (GREETING.test(text)) return no('greeting');
  if (THANKS.test(text)) return no('thanks');
  if (chars(text) < MIN_REPORT_CHARS) return no('too_short');
  if (line.mentionsBot) return yes('mentions_bot');
  if (!line.isGroup) return yes('private_chat');
  if (confidence !== null && confidence >= settings.reportConfidence) return yes('fault_text');
  if (confidence !== null && confidence >= settings.faultCueConfidence && FAULT_CUE.test(text))
    return yes('fault_cue');
  return no('low_confidence');
}
