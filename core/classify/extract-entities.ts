/** What a report says about where, what and whom: the 工单 fields the reporter did not fill in. */
export interface ReportEntities {
  /** e.g. "行政楼3楼305室", "科研楼A座2层": the longest place mention. */
  location: string | null;
  /** A device named in the report (HP打印机, 投影仪, ThinkPad X1). */
  device: string | null;
  /** Asset tags such as ZC-2023-00123 or 资产编号 123456. */
  assetTags: string[];
  phones: string[];
  ips: string[];
  /** Systems the desk knows by name (OA, 教务系统, VPN, outlook). */
  systems: string[];
}

export interface EntityVocabulary {
  /** Buildings and areas from desk.yaml (people's areas, office locations, triage.places). */
  places: readonly string[];
  /** System names from desk.yaml (triage.systems). */
  systems: readonly string[];
}

const PLACE_UNIT = '(?:号楼|栋|幢|座|楼|层|室|号|F|f|馆|厅|中心|食堂|宿舍|会议室|办公室|实验室|机房)';
// A place name ends in a unit (3号楼, 行政楼, 科研楼A座, 305室) and may chain several (行政楼3楼305室).
const PLACE = new RegExp(
  `(?:[\\p{Script=Han}A-Za-z0-9]{0,6}?(?:[0-9一二三四五六七八九十A-Za-z]+|[\\p{Script=Han}]{1,4})${PLACE_UNIT}(?:[0-9一二三四五六七八九十A-Za-z]{1,5}${PLACE_UNIT})*)`,
  'gu',
);
const ROOM_NUMBER = /(?<![\d.])[A-Za-z]?\d{3,4}(?:室|房间|号房|办公室)/gu;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;
const EXTENSION = /(?:分机|ext\.?|extension)\s*(?:号)?\s*[:：]?\s*(\d{3,6})/giu;
const IPV4 =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/g;
const ASSET_LABELLED =
  /(?:资产编号|资产号|固定资产号|资产标签|asset\s*(?:tag|no\.?|number|#))\s*[:：#]?\s*([A-Za-z0-9-]{4,24})/giu;
const ASSET_SHAPED = /(?<![A-Za-z0-9-])(?:ZC|IT|PC|NB|AS|ASSET)-?\d{2,4}-?\d{3,8}(?![A-Za-z0-9-])/gi;
const DEVICE_WORDS =
  '(?:打印机|复印机|扫描仪|一体机|电脑|笔记本|台式机|主机|显示器|投影仪|投影|摄像头|话机|座机|交换机|路由器|门禁|读卡器|消费机|闸机|服务器|printer|laptop|monitor|projector|router|switch|desktop|phone)';
const BRAND =
  '(?:HP|惠普|Canon|佳能|Epson|爱普生|Brother|兄弟|Lenovo|联想|ThinkPad|Dell|戴尔|华为|Huawei|H3C|Cisco|思科|小米|Apple|MacBook|iMac|Ricoh|理光|Kyocera|京瓷|Xerox|施乐|Sony|索尼|Polycom|海康|大华)';
const DEVICE = new RegExp(
  `${BRAND}[\\s-]*[A-Za-z0-9-]*(?:\\s?[A-Za-z0-9-]+)?\\s*${DEVICE_WORDS}?|${DEVICE_WORDS}`,
  'giu',
);

// What people put before a place in chat ("我在5号楼", "我们这边行政楼") is not part of it.
const LEAD_IN = /^(?:我们|我|这边|那边|在|位于|地点|地址|是|的)+/u;

const unique = (xs: string[]): string[] => [...new Set(xs)];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function longestPlace(text: string, vocabulary: EntityVocabulary): string | null {
  const known = vocabulary.places.filter((p) => p.trim() !== '' && p !== '*');
  const mentions: Array<{ at: number; text: string }> = [];
  for (const m of text.matchAll(PLACE)) mentions.push({ at: m.index, text: m[0] });
  for (const m of text.matchAll(ROOM_NUMBER)) mentions.push({ at: m.index, text: m[0] });
  for (const place of known) {
    // A configured name followed by floor/room detail: 图书馆二楼东侧 → 图书馆二楼.
    const re = new RegExp(`${escape(place)}(?:[0-9一二三四五六七八九十A-Za-z]{1,5}${PLACE_UNIT})*`, 'gu');
    for (const m of text.matchAll(re)) mentions.push({ at: m.index, text: m[0] });
  }
  if (mentions.length === 0) return null;
  // Adjacent mentions (行政楼 + 3楼305室) are one place.
  mentions.sort((a, b) => a.at - b.at || b.text.length - a.text.length);
  let best = '';
  let run: { start: number; end: number } | null = null;
  for (const m of mentions) {
    const end = m.at + m.text.length;
    if (run && m.at <= run.end) run.end = Math.max(run.end, end);
    else run = { start: m.at, end };
    const candidate = text.slice(run.start, run.end).trim().replace(LEAD_IN, '');
    if (candidate.length > best.length) best = candidate;
  }
  return best === '' ? null : best;
}

/** Pulls places, devices, asset tags, phone numbers, IPs and system names out of a report. */
export function extractEntities(text: string, vocabulary: EntityVocabulary): ReportEntities {
  const plain = text.normalize('NFKC');
  const ips = unique([...plain.matchAll(IPV4)].map((m) => m[0]));
  const withoutIps = ips.reduce((s, ip) => s.split(ip).join(' '), plain);
  const assetTags = unique([
    ...[...withoutIps.matchAll(ASSET_LABELLED)].map((m) => m[1] ?? ''),
    ...[...withoutIps.matchAll(ASSET_SHAPED)].map((m) => m[0].toUpperCase()),
  ]).filter((t) => t !== '');
  const withoutTags = assetTags.reduce((s, tag) => s.split(tag).join(' '), withoutIps);
  const phones = unique([
    ...[...withoutTags.matchAll(MOBILE)].map((m) => m[0]),
    ...[...withoutTags.matchAll(LANDLINE)].map((m) => m[0]),
    ...[...withoutTags.matchAll(EXTENSION)].map((m) => m[1] ?? ''),
  ]).filter((p) => p !== '');
  const lower = plain.toLowerCase();
  const systems = vocabulary.systems.filter((s) => {
    const n = s.normalize('NFKC').toLowerCase();
    if (n === '') return false;
    return /^[a-z0-9]/.test(n)
      ? new RegExp(`(?<![a-z0-9])${escape(n)}(?![a-z0-9])`, 'u').test(lower)
      : lower.includes(n);
  });
  const device = [...withoutTags.matchAll(DEVICE)]
    .map((m) => m[0].trim())
    .sort((a, b) => b.length - a.length)[0];
  return {
    location: longestPlace(withoutTags, vocabulary),
    device: device ?? null,
    assetTags,
    phones,
    ips,
    systems,
  };
}
