import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser } from '../../../adapters/phone/csv-records.js';

const FIXTURE = '/work/shared/fixtures/cdr/asterisk-master.csv';

interface Read {
  /** [line, ...fields] per record. */
  records: Array<Array<string | number>>;
  /** Lines of the skipped records (csv-parse may report a record more than once). */
  skips: number[];
}

/** What the import read with csv-parse before it had its own reader: the reference. */
function withCsvParse(input: Buffer, delimiter = ','): Read {
  const skips: number[] = [];
  const records = parse(input, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    bom: true,
    // csv-parse sets the line an error is on as a property of the error.
    on_skip: (e) => void skips.push((e as unknown as { lines?: number } | undefined)?.lines ?? 0),
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return { records: records.map((r) => [r.info.lines, ...r.record]), skips };
}

/** The same bytes through CsvRecordParser, cut into chunks at `cuts`. */
function withParser(input: Buffer, cuts: number[] = [], delimiter = ','): Read & { reasons: string[] } {
  const read: Read & { reasons: string[] } = { records: [], skips: [], reasons: [] };
  const parser = new CsvRecordParser(
    {
      record: (fields, line) => read.records.push([line, ...fields]),
      skip: (line, reason) => {
        read.skips.push(line);
        read.reasons.push(reason);
      },
    },
    { delimiter },
  );
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    parser.write(input.subarray(from, cut));
    from = cut;
  }
  parser.end();
  return read;
}

/** Same records on the same lines; a record skipped by one is skipped by the other. */
function expectSameAsCsvParse(input: Buffer, cuts: number[] = [], delimiter = ','): void {
  const reference = withCsvParse(input, delimiter);
  const read = withParser(input, cuts, delimiter);
  expect(read.records).toEqual(reference.records);
  expect(read.skips.length > 0).toBe(reference.skips.length > 0);
  for (const line of read.skips) expect(reference.skips).toContain(line);
}

describe('CsvRecordParser reads what csv-parse read', () => {
  it('the real Asterisk Master.csv, whole and in chunks of every size', () => {
    const file = readFileSync(FIXTURE);
    const whole = withParser(file);
    expect(whole.records).toHaveLength(84);
    expect(whole.records.every((r) => r.length === 22)).toBe(true); // the line and 21 columns
    expectSameAsCsvParse(file);
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const cuts = Array.from({ length: Math.ceil(file.length / size) - 1 }, (_, i) => (i + 1) * size);
      expect(withParser(file, cuts).records).toEqual(whole.records);
    }
  });

  it.each([
    ['quotes doubled inside a field', '"a ""quoted"" word",b\n'],
    ['an empty quoted field and empty unquoted ones', '"",,""\n,\n'],
    ['delimiters and line breaks inside quotes', '"a,b","c\nd","e\r\nf"\nnext,row\n'],
    ['Windows line ends', 'a,b\r\nc,d\r\n\r\ne,f\r\n'],
    ['old Mac line ends', 'a,b\rc,d\r'],
    ['no line break after the last record', 'a,b\nc,d'],
    ['blank lines between records', '\n\na\n\n\nb\n\n'],
    ['a UTF-8 byte order mark', '\ufeff"id","start"\n1,2\n'],
    ['multi-byte text', '"张三","电话"\n李四,"ok"\n'],
    ['a quote inside an unquoted field', 'a,b"c,d\ne,f\n'],
    ['a closing quote followed by text', '"a"x,b\nc,d\n"e",f\n'],
    ['a quote left open at the end', 'a,b\n"c,d\ne,f\n'],
    ['a CR inside a field of an LF file', 'a,b\nc\rd,e\n'],
  ])('%s', (_, text) => {
    const input = Buffer.from(text, 'utf8');
    expectSameAsCsvParse(input);
    // And cut after every byte: chunk boundaries change nothing.
    expectSameAsCsvParse(
      input,
      Array.from({ length: input.length - 1 }, (_, i) => i + 1),
    );
  });

  it('a UTF-16LE file with its byte order mark', () => {
    const input = Buffer.from('\ufeff"a","中"\r\n1,2\r\n', 'utf16le');
    expectSameAsCsvParse(input, [1, 5]);
    expect(withParser(input).records).toEqual([
      [1, 'a', '中'],
      [2, '1', '2'],
    ]);
  });

  it('another delimiter (desk.yaml phone.csv)', () => {
    expectSameAsCsvParse(Buffer.from('a;"b;c";d\n1;2;3\n'), [4], ';');
    expectSameAsCsvParse(Buffer.from('a\t"b\tc"\n'), [], '\t');
  });

  it('random CSV-like text, cut at random places (seeded)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ['a', 'bc', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'é', '中', '"x"', ',"', '",'];
    for (let t = 0; t < 3000; t += 1) {
      let text = random() < 0.1 ? '\ufeff' : '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i += 1) text += pieces[Math.floor(random() * pieces.length)];
      const input = Buffer.from(text, 'utf8');
      const cuts = Array.from({ length: input.length }, (_, i) => i).filter((i) => i > 0 && random() < 0.3);
      const delimiter = random() < 0.8 ? ',' : ';';
      expectSameAsCsvParse(input, cuts, delimiter);
    }
  });
});

describe('records that are not CSV', () => {
  it('are reported once each with their line and what is wrong, and the rest is read', () => {
    const read = withParser(Buffer.from('a,b\n"c"d,"e""f"x"\ng,h"i\nj,k\n'));
    expect(read.records).toEqual([
      [1, 'a', 'b'],
      [4, 'j', 'k'],
    ]);
    expect(read.skips).toEqual([2, 3]);
    expect(read.reasons).toEqual(['a closing quote followed by "d"', 'a quote inside an unquoted field']);
  });

  it('an open quote at the end of the file spoils only the last record', () => {
    const read = withParser(Buffer.from('a,b\n"c,d\n'));
    expect(read.records).toEqual([[1, 'a', 'b']]);
    expect(read.reasons).toEqual(['a quoted field not closed at the end of the file']);
  });

  it('refuses a delimiter it cannot tell from quoting or line ends', () => {
    const sink = { record: () => undefined, skip: () => undefined };
    expect(() => new CsvRecordParser(sink, { delimiter: '"' })).toThrow();
    expect(() => new CsvRecordParser(sink, { delimiter: '\n' })).toThrow();
    expect(() => new CsvRecordParser(sink, { delimiter: ',,' })).toThrow();
  });
});
