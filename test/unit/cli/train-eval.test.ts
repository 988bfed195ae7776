import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, readLabelledCsv } from '../../../adapters/classify/index.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'deskbot.mjs');

const rows: Array<[string, string]> = [];
for (let i = 0; i < 12; i++) {
  rows.push([`打印机第${i}台卡纸了，打印不出来`, '打印机']);
  rows.push([`VPN连不上，第${i}次了，"网络"很慢\n第二行`, '网络']);
}
const csv = `text,label\n${rows.map(([t, l]) => `"${t.replace(/"/g, '""')}",${l}`).join('\n')}\n`;

describe('labelled CSV reading', () => {
  it('reads UTF-8 with BOM, GB18030 and quoted multi-line fields alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskbot-csv-'));
    const bom = join(dir, 'bom.csv');
    const gbk = join(dir, 'gbk.csv');
    await writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    await writeFile(gbk, iconv.encode(csv, 'gbk'));
    const a = await readLabelledCsv(bom, 'text', 'label');
    const b = await readLabelledCsv(gbk, 'text', 'label');
    expect(a.rows).toHaveLength(24);
    expect(b.encoding).toBe('GB18030');
    expect(b.rows.map((r) => r.text)).toEqual(a.rows.map((r) => r.text));
    expect(a.rows[1]?.text).toContain('\n第二行');
    expect(decodeCsv(Buffer.from('a,b\n')).encoding).toBe('UTF-8');
  });

  it('rejects an unknown column and a file with one label, saying what is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskbot-csv-'));
    const one = join(dir, 'one.csv');
    await writeFile(one, 'text,label\n打印机卡纸,打印机\n复印机卡纸,打印机\n');
    await expect(readLabelledCsv(one, 'body', 'label')).rejects.toThrow(/unknown column "body".*text, label/);
    await expect(readLabelledCsv(one, 'text', 'label')).rejects.toThrow(/only one label/);
  });
});

describe('deskbot eval', () => {
  it('cross-validates a CSV, prints the report and writes the JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskbot-eval-'));
    const file = join(dir, 'h.csv');
    const json = join(dir, 'r.json');
    await writeFile(file, csv);
    const { stdout } = await run('node', [
      BIN,
      'eval',
      '--csv',
      file,
      '--text',
      'text',
      '--label',
      'label',
      '--folds',
      '3',
      '--json',
      json,
    ]);
    expect(stdout).toMatch(/accuracy \d+\.\d%/);
    expect(stdout).toContain('confusion');
    const report = JSON.parse(await readFile(json, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual([
      'accuracy',
      'confusion',
      'macro_f1',
      'n_test',
      'n_train',
      'per_class',
    ]);
    expect(report.n_test).toBe(24);
    expect(report.accuracy).toBeGreaterThan(0.9);
  }, 60_000);

  it('exits 2 with a clear message on a missing file or bad arguments', async () => {
    const missing = run('node', [BIN, 'eval', '--csv', '/nonexistent/x.csv', '--text', 't', '--label', 'l']);
    await expect(missing).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('file not found'),
    });
    const noLabel = run('node', [BIN, 'eval', '--csv', 'x.csv', '--text', 't']);
    await expect(noLabel).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--label is required'),
    });
  }, 60_000);
});
