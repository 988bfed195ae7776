/** The parts of a 完成 line: the process, then 配件/耗材 lists and 远程/现场 in any order. */
export interface ParsedResolution {
  process: string;
  parts: string[];
  consumables: string[];
  remote: boolean | null;
}

const LIST_MARKERS: ReadonlyArray<[RegExp, 'parts' | 'consumables']> = [
  [/^(?:配件|维修用件|用件|parts)$/iu, 'parts'],
  [/^(?:耗材|consumables)$/iu, 'consumables'],
];
const MARKER = /(?:^|\s)(配件|维修用件|用件|parts|耗材|consumables)\s*:\s*/giu;

const REMOTE_WORDS = new Map<string, boolean>([
  ['远程', true],
  ['远程解决', true],
  ['远程处理', true],
  ['remote', true],
  ['现场', false],
  ['现场处理', false],
  ['现场解决', false],
  ['onsite', false],
  ['on-site', false],
]);

const splitList = (s: string): string[] =>
  s
    .split(/[,;、]/u)
    .map((x) => x.trim())
    .filter((x) => x !== '' && x !== '无' && x.toLowerCase() !== 'none');

/**
 * `更换硒鼓 配件:硒鼓,搓纸轮 耗材:A4纸 现场`. A list runs to the next marker or the line's end; 远程/现场
 * count only as words of their own (方式:远程 too), so 远程协助重装驱动 stays part of the process.
 */
export function parseResolution(text: string): ParsedResolution {
  let remote: boolean | null = null;
  const words = text.split(' ').filter((w) => {
    const bare = w.replace(/^方式:/u, '').toLowerCase();
    const said = REMOTE_WORDS.get(bare);
    if (said === undefined) return true;
    remote = said;
    return false;
  });
  const line = words.join(' ');

  const marks = [...line.matchAll(MARKER)];
  const first = marks[0];
  const process = (first ? line.slice(0, first.index) : line).trim();
  const lists = { parts: [] as string[], consumables: [] as string[] };
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = marks[i + 1]?.index ?? line.length;
    const target = LIST_MARKERS.find(([re]) => re.test(m[1] ?? ''))?.[1];
    if (target) lists[target].push(...splitList(line.slice(start, end)));
  });
  return { process, ...lists, remote };
}
