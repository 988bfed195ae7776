import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export type Metrics = Record<string, number>;

/** bench/results/<name>.json: flat metric → number, plus the machine and the time (DESIGN.md). */
export async function writeResults(name: string, metrics: Metrics): Promise<string> {
  const dir = join(import.meta.dirname, '..', 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const body = {
    ...metrics,
    machine: { cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
    at: new Date().toISOString(),
  };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Samples this process's resident memory; `peakMb()` is the highest seen. */
export function rssSampler(intervalMs = 100): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), intervalMs);
  timer.unref();
  return { peakMb: () => peak / 2 ** 20, stop: () => clearInterval(timer) };
}

export function printTable(title: string, rows: Array<[string, string | number]>): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}
