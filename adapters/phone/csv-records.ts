import { TextDecoder } from 'node:util';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Where `char` is next in `text` from `from`, or the text's length when nowhere. */
function indexOrEnd(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from);
  return i < 0 ? text.length : i;
}

/** Line breaks a file may use; the first one met outside quotes is the file's record delimiter. */
const enum RecordDelimiter {
  Unknown,
  Lf,
  CrLf,
  Cr,
}

/** Where the records (and the records that cannot be read) of a CSV file go, in file order. */
export interface CsvRecordSink {
  /** `line`: the line the record ends on (1-based), as csv-parse's info.lines counts it. */
  record(fields: string[], line: number): void;
  /** A record that is not valid CSV, skipped: the line the problem is on and what it is. */
  skip(line: number, reason: string): void;
}

/**
 * A streaming CSV reader for call-record files, fed the file's bytes chunk by chunk. It reads
 * what csv-parse read with `{ delimiter, relax_column_count, skip_empty_lines,
 * skip_records_with_error, bom, info }` (the same records, the same line numbers, the same records
 * skipped; test/unit/phone/csv-records.test.ts compares the two) at several times the speed: it
 * decodes each chunk at once and slices fields out of the text, jumping to the next quote of a
 * quoted field, where csv-parse copies every byte into a field buffer and spreads an info object
 * per record.
 *
 * RFC 4180 with csv-parse's readings of the corners: a quote opens a field only as its first
 * character and is doubled inside it; the record delimiter is the first of \r\n, \n or \r met
 * outside quotes; lines without a character are skipped; a quote inside an unquoted field, or a
 * closing quote followed by something else than a delimiter or line break, spoils its record
 * (reported once through `skip`; csv-parse takes the quote as text and reads on); a UTF-8 or
 * UTF-16LE byte order mark is dropped. Line numbers count every CR and LF read, a CRLF record
 * delimiter once (so a CRLF inside quotes counts twice, as in csv-parse).
 */
export class CsvRecordParser {
  private readonly delimiter: number;
  private decoder: TextDecoder | null = null;
  /** The file's first bytes, until there are enough to tell a byte order mark. */
  private head: Buffer | null = null;
  private recordDelimiter = RecordDelimiter.Unknown;
  private line = 1;
  private quoting = false;
  /** The current field was quoted (and its closing quote read). */
  private wasQuoting = false;
  /** The current field's text from earlier chunks (or before a doubled quote). */
  private field = '';
  private record: string[] = [];
  /** The current record is spoiled and was reported. */
  private spoiled = false;
  /** The last characters of the previous chunk, which need the next one to be read. */
  private carry = '';

  constructor(
    private readonly sink: CsvRecordSink,
    options: { delimiter?: string } = {},
  ) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n')
      throw new Error('a CSV delimiter must be one character other than a quote or a line break');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Reads one chunk of the file; the records it completes go to the sink before this returns. */
  write(chunk: Buffer): void {
    if (this.decoder) {
      this.read(this.decoder.decode(chunk, { stream: true }), false);
      return;
    }
    const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
    if (head.length < 3) this.head = head;
    else {
      this.head = null;
      this.read(this.startDecoding(head), false);
    }
  }

  /** The end of the file: the last record, even without a line break after it. */
  end(): void {
    let text = '';
    if (!this.decoder) {
      text = this.startDecoding(this.head ?? Buffer.alloc(0));
      this.head = null;
    }
    this.read(text + (this.decoder?.decode() ?? ''), true);
  }

  /** csv-parse's bom option: a UTF-8 mark is dropped, a UTF-16LE one switches the decoding. */
  private startDecoding(head: Buffer): string {
    let encoding = 'utf-8';
    let skip = 0;
    if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) skip = 3;
    else if (head.length >= 3 && head[0] === 0xff && head[1] === 0xfe) {
      encoding = 'utf-16le';
      skip = 2;
    }
    const decoder = new TextDecoder(encoding, { ignoreBOM: true });
    this.decoder = decoder;
    return decoder.decode(head.subarray(skip), { stream: true });
  }

  private spoil(line: number, reason: string): void {
    if (this.spoiled) return;
    this.spoiled = true;
    this.sink.skip(line, reason);
  }

  /** The length of the record delimiter at `pos` (0: none); the first line break decides which one it is. */
  private recordDelimiterAt(text: string, pos: number): number {
    const c = text.charCodeAt(pos);
    if (c !== CR && c !== LF) return 0;
    if (this.recordDelimiter === RecordDelimiter.Unknown)
      this.recordDelimiter =
        c === LF
          ? RecordDelimiter.Lf
          : text.charCodeAt(pos + 1) === LF
            ? RecordDelimiter.CrLf
            : RecordDelimiter.Cr;
    switch (this.recordDelimiter) {
      case RecordDelimiter.Lf:
        return c === LF ? 1 : 0;
      case RecordDelimiter.Cr:
        return c === CR ? 1 : 0;
      default:
        return c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 0;
    }
  }

  private endField(value: string): void {
    this.record.push(value);
    this.field = '';
    this.wasQuoting = false;
  }

  private endRecord(line: number): void {
    const record = this.record;
    this.record = [];
    if (this.spoiled) this.spoiled = false;
    else this.sink.record(record, line);
  }

  private read(chunk: string, final: boolean): void {
    const text = this.carry === '' ? chunk : this.carry + chunk;
    const n = text.length;
    // Deciding on a character may take the two after it (a closing quote, then \r\n).
    const stop = final ? n : n - 2;
    const delimiter = this.delimiter;
    let line = this.line;
    // Where the next LF and CR are (n: none), looked up again once passed.
    let nextLf = -1;
    let nextCr = -1;
    let start = 0; // the current field's text in this chunk starts here
    let pos = 0;
    while (pos < stop) {
      if (this.quoting) {
        // Jump to the next quote, counting the line breaks on the way.
        let quote = text.indexOf('"', pos);
        if (quote < 0 || quote >= stop) quote = stop;
        if (nextLf < pos) nextLf = indexOrEnd(text, '\n', pos);
        while (nextLf < quote) {
          line += 1;
          nextLf = indexOrEnd(text, '\n', nextLf + 1);
        }
        if (nextCr < pos) nextCr = indexOrEnd(text, '\r', pos);
        while (nextCr < quote) {
          line += 1;
          nextCr = indexOrEnd(text, '\r', nextCr + 1);
        }
        pos = quote;
        if (quote === stop) break;
        const next = pos + 1 < n ? text.charCodeAt(pos + 1) : -1;
        if (next === QUOTE) {
          // A doubled quote: one quote of text; the second is kept, the first dropped.
          this.field += text.slice(start, pos);
          start = pos + 1;
          pos += 2;
        } else if (next === -1 || next === delimiter || this.recordDelimiterAt(text, pos + 1) !== 0) {
          this.field += text.slice(start, pos);
          start = pos + 1;
          this.quoting = false;
          this.wasQuoting = true;
          pos += 1;
        } else {
          this.spoil(line, `a closing quote followed by "${String.fromCharCode(next)}"`);
          pos += 1; // the quote is text, the field still quoted
        }
        continue;
      }
      const c = text.charCodeAt(pos);
      if (c === delimiter) {
        this.endField(this.field + text.slice(start, pos));
        start = pos + 1;
      } else if (c === LF || c === CR) {
        const length = this.recordDelimiterAt(text, pos);
        if (length !== 0) {
          if (this.wasQuoting || this.record.length > 0 || this.field.length > 0 || pos > start) {
            this.endField(this.field + text.slice(start, pos));
            this.endRecord(line);
          } // else an empty line, skipped
          pos += length - 1;
          start = pos + 1;
        }
        line += 1;
      } else if (c === QUOTE) {
        if (this.field.length === 0 && pos === start) {
          this.quoting = true;
          start = pos + 1;
        } else this.spoil(line, 'a quote inside an unquoted field');
      }
      pos += 1;
    }
    if (!final) {
      this.field += text.slice(start, pos);
      this.carry = text.slice(pos);
      this.line = line;
      return;
    }
    this.carry = '';
    const rest = this.field + text.slice(start, n);
    this.field = '';
    // csv-parse counts a line break when it reads the character after it: the file's last one is not counted yet.
    const last = n > 0 ? text.charCodeAt(n - 1) : 0;
    const lastLine = last === LF || last === CR ? line - 1 : line;
    this.line = line;
    if (this.quoting) {
      this.spoil(lastLine, 'a quoted field not closed at the end of the file');
      this.quoting = false;
      this.record = [];
      this.spoiled = false;
    } else if (this.wasQuoting || this.record.length > 0 || rest.length > 0) {
      this.endField(rest);
      this.endRecord(lastLine);
    }
  }
}
