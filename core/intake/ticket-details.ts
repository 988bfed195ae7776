/**
 * The 工单 facts the process asks every reporter for: where (设备点位), what (设备或系统名称) and a
 * phone number. Found in free chat text by labelled phrases first (位置：…), then by shape.
 */
export interface TicketDetails {
  location: string | null;
  device: string | null;
  phone: string | null;
}

export const DETAIL_NAMES = ['location', 'device', 'phone'] as const;
export type DetailName = (typeof DETAIL_NAMES)[number];

export const DETAIL_LABELS: Record<DetailName, string> = {
  location: '设备点位（楼宇/房间）',
  device: '设备或系统名称',
  phone: '联系电话',
};

const labelled = (labels: string): RegExp =>
  new RegExp(`(?:${labels})\\s*(?:是|为|在)?\\s*[:：]?\\s*([^，,。;；\\n]{2,60})`);

const LOCATION_LABEL = labelled('设备点位|点位|位置|地点|地址|房间|办公室在');
const DEVICE_LABEL = labelled('设备名称|设备|系统名称|系统');
const PHONE = /(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3,4}-\d{7,8})(?!\d)/;
const EXTENSION = /(?:电话|分机|手机|联系方式|tel)\s*(?:是|为)?\s*[:：]?\s*(\d{4,12})(?!\d)/i;
const PLACE =
  /([\u4e00-\u9fa5A-Za-z0-9]{1,10}(?:楼|馆|中心|大厦|公寓|宿舍|教室|实验室|机房|会议室|办公室|食堂|校区)(?:[A-Za-z]?\d{1,4}(?:室|房间|号)?|[一二三四五六七八九十\d]{1,2}(?:层|楼)(?:\d{1,4}(?:室|号)?)?)?)/;
const DEVICE =
  /((?:联想|惠普|戴尔|华为|华三|佳能|爱普生|兄弟|海康|大华|思科|理光|施乐|东芝|夏普|[A-Za-z][A-Za-z0-9-]*\s?){0,2}(?:打印机|复印机|扫描仪|一体机|台式机|笔记本|电脑|显示器|投影仪|投影|交换机|路由器|无线AP|AP|摄像头|监控|电话机|座机|门禁|闸机|读卡器|一卡通|消费机|服务器|[\u4e00-\u9fa5A-Za-z]{1,6}系统|WiFi|wifi|网络))/;
/** Words before a device that say whose or which it is, not what it is. */
const DEVICE_FILLER = /^(我的|我们的|这台|那台|这个|那个|办公室的|我们|我|的)+/;
/** Words before a place that are grammar (在行政楼305 → 行政楼305). */
const PLACE_FILLER = /^(我们|我|这边|就在|位于|在)+/;

const clean = (s: string | undefined): string | null => {
  const v = s?.trim().replace(/\s+/g, ' ');
  return v ? v : null;
};

export function extractDetails(text: string): TicketDetails {
  const phone = clean(PHONE.exec(text)?.[1] ?? EXTENSION.exec(text)?.[1]);
  const location = clean(LOCATION_LABEL.exec(text)?.[1] ?? PLACE.exec(text)?.[1]?.replace(PLACE_FILLER, ''));
  const labelledDevice = clean(DEVICE_LABEL.exec(text)?.[1]);
  const device = labelledDevice ?? clean(DEVICE.exec(text)?.[1]?.replace(DEVICE_FILLER, ''));
  return { location, device, phone };
}

/** What the ticket still lacks; the roster's phone counts, the office location does not (it is not the device point). */
export function missingDetails(known: TicketDetails): DetailName[] {
  return DETAIL_NAMES.filter((name) => known[name] === null);
}

/**
 * Reads the reporter's answer to "please tell us …": what it states by label or shape. When only the
 * place or only the device was asked, the whole answer is it (people answer 三楼东头财务室, not a form).
 */
export function detailsFromAnswer(answer: string, asked: readonly DetailName[]): Partial<TicketDetails> {
  const found = extractDetails(answer);
  const filled: Partial<TicketDetails> = {};
  for (const name of asked) if (found[name] !== null) filled[name] = found[name];
  const [only] = asked;
  const text = clean(answer);
  // One phrase (三楼东头财务室) is the answer as a whole; a list (科研楼201，联想台式机) is read by shape.
  const onePhrase = text !== null && !/[，,；;、\s]/.test(text);
  if (asked.length === 1 && only && only !== 'phone' && text && (filled[only] === undefined || onePhrase))
    filled[only] = Array.from(text).slice(0, 200).join('');
  return filled;
}

/** The bot @-mentions the reporter itself (a platform mention, not typed text). */
export function questionText(ticketNumber: string, missing: readonly DetailName[]): string {
  const what = missing.map((n) => DETAIL_LABELS[n]).join('、');
  return `您的报修已登记为 ${ticketNumber}。为尽快处理，请直接回复补充：${what}。`;
}
