// Prints the counts the README quotes and fails (exit 1) on any row the corpus rules forbid.
// Usage: node data/training/corpus-stats.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const LABELS = ['电脑', '网络', '打印机', '一卡通', '视频系统', '电话', '门禁系统', '其他'];
const TYPES = ['fault', 'request', 'consultation', 'complaint'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const FILES = ['zh.csv', 'en.csv'];

// Two texts that differ only in case, spacing or punctuation count as the same report.
const fingerprint = (text) => text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

// Surface markers of the writing styles the corpus is meant to cover; counted, not hand-tallied.
const STYLES = [
  ['@mention', /@\S/],
  ['emoji', /\p{Extended_Pictographic}/u],
  ['urgency (急, !!, ！！, URGENT)', /急|!!|！！|urgent/i],
  ['在吗 / "hi" openers', /^(在吗|hi\b|hello)/i],
  ['email style (line breaks inside the text)', /\n/],
  ['mixed Chinese and Latin script', /(?=.*\p{Script=Han})(?=.*[A-Za-z]{2,})/u],
  ['location (楼/栋/层/室, building/room/floor)', /[楼栋层室]|building|room|floor/i],
  ['phone number or extension', /\d{7,}|分机\s*\d{4}|ext\.? ?\d{4}/i],
  ['asset tag (ZC-…)', /ZC-\d{4}-\d{3,4}/],
  ['monitoring alert (【…告警】, [ALERT])', /告警】|\[ALERT\]/],
];

const problems = [];
const seen = new Map();
const counts = {};

for (const file of FILES) {
  const raw = readFileSync(fileURLToPath(new URL(file, import.meta.url)));
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) problems.push(`${file}: starts with a BOM`);
  const rows = parse(raw.toString('utf8'), { columns: true, skip_empty_lines: true });
  const c = (counts[file] = { rows: rows.length, label: {}, type: {}, priority: {}, style: {} });
  rows.forEach((row, i) => {
    const where = `${file} row ${i + 2}`;
    if (!row.text || !row.text.trim()) problems.push(`${where}: empty text`);
    if (!LABELS.includes(row.label)) problems.push(`${where}: label ${row.label}`);
    if (!TYPES.includes(row.type)) problems.push(`${where}: type ${row.type}`);
    if (!PRIORITIES.includes(row.priority)) problems.push(`${where}: priority ${row.priority}`);
    const fp = fingerprint(row.text ?? '');
    if (seen.has(fp)) problems.push(`${where}: same report as ${seen.get(fp)}`);
    else seen.set(fp, where);
    for (const key of ['label', 'type', 'priority']) c[key][row[key]] = (c[key][row[key]] ?? 0) + 1;
    for (const [name, pattern] of STYLES)
      if (pattern.test(row.text)) c.style[name] = (c.style[name] ?? 0) + 1;
  });
}

const table = (title, keys, pick) => {
  const lines = [`| ${title} | zh.csv | en.csv | total |`, '|---|---:|---:|---:|'];
  for (const k of keys) {
    const zh = pick(counts['zh.csv'])[k] ?? 0;
    const en = pick(counts['en.csv'])[k] ?? 0;
    lines.push(`| ${k} | ${zh} | ${en} | ${zh + en} |`);
  }
  const zh = counts['zh.csv'].rows;
  const en = counts['en.csv'].rows;
  lines.push(`| **all** | ${zh} | ${en} | ${zh + en} |`);
  return lines.join('\n');
};

console.log(table('label', LABELS, (c) => c.label));
console.log();
console.log(table('type', TYPES, (c) => c.type));
console.log();
console.log(table('priority', PRIORITIES, (c) => c.priority));
console.log();
console.log(
  table(
    'style marker (rows)',
    STYLES.map(([name]) => name),
    (c) => c.style,
  ),
);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
