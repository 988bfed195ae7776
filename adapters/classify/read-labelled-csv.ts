import { readFile } from 'node:fs/promises';
import chardet from 'chardet';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** A problem with the file the user named: shown as is, exit code 2. */
export class CsvInputError extends Error {
  override readonly name = 'CsvInputError';
}

export interface LabelledRow {
  text: string;
  label: string;
  /** Other columns, by header, for optional heads (type, priority). */
  extra: Record<string, string>;
}

export interface LabelledCsv {
  rows: LabelledRow[];
  encoding: string;
  /** Rows without text or label, skipped (1-based line numbers of the record's start). */
  skipped: number;
}

/**
 * Decodes a CSV export whatever its encoding: UTF-8 with or without BOM, UTF-16 with BOM, or the
 * GBK/GB18030 that Chinese Excel writes. chardet guesses; GB2312/GBK guesses are read as GB18030,
 * their superset, so rare characters survive.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8 (BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not valid UTF-8: ask chardet.
  }
  const guess = (chardet.detect(bytes) ?? 'GB18030').toUpperCase();
  const encoding = /GB|BIG5|EUC-CN|HZ/.test(guess) || !iconv.encodingExists(guess) ? 'GB18030' : guess;
  return { text: iconv.decode(bytes, encoding), encoding };
}

/**
 * Reads `file` and returns its rows' `textColumn` and `labelColumn` (plus any other columns), with
 * quoted multi-line fields handled by csv-parse. Every problem the user can fix is a CsvInputError.
 */
export async function readLabelledCsv(
  file: string,
  textColumn: string,
  labelColumn: string,
): Promise<LabelledCsv> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CsvInputError(
      code === 'ENOENT'
        ? `文件不存在 / file not found: ${file}`
        : `cannot read ${file}: ${(e as Error).message}`,
    );
  }
  const { text, encoding } = decodeCsv(bytes);
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as Record<string, string>[];
  } catch (e) {
    throw new CsvInputError(`${file} is not valid CSV: ${(e as Error).message}`);
  }
  const first = records[0];
  if (!first) throw new CsvInputError(`${file} has no data rows.`);
  const headers = Object.keys(first);
  for (const column of [textColumn, labelColumn]) {
    if (!headers.includes(column))
      throw new CsvInputError(
        `列不存在 / unknown column "${column}" in ${file}; the columns are: ${headers.join(', ')}`,
      );
  }
  let skipped = 0;
  const rows: LabelledRow[] = [];
  for (const r of records) {
    const t = (r[textColumn] ?? '').trim();
    const label = (r[labelColumn] ?? '').trim();
    if (t === '' || label === '') {
      skipped += 1;
      continue;
    }
    rows.push({ text: t, label, extra: r });
  }
  if (rows.length === 0)
    throw new CsvInputError(`${file}: no row has both a "${textColumn}" and a "${labelColumn}" value.`);
  if (new Set(rows.map((r) => r.label)).size < 2)
    throw new CsvInputError(
      `${file}: column "${labelColumn}" has only one label; a classifier needs at least two.`,
    );
  return { rows, encoding, skipped };
}
