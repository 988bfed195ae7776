import {
  asteriskRowToFields,
  callFromFields,
  hotlineMatcher,
  mappedRowToFields,
  resolveColumns,
  WallClockParser,
  type CallCsvMapping,
  type CallFieldContext,
  type CallRecord,
  type ColumnIndex,
} from '../../core/phone/index.js';
import { err, ok, type Result } from '../../core/shared/result.js';

export type CallFileFormat = 'asterisk' | 'mapped';

export interface CallReaderOptions {
  format: CallFileFormat;
  timeZone: string;
  hotlines: readonly string[];
  mapping?: CallCsvMapping;
}

/**
 * Turns one parsed CSV row into a call record (or the reason it cannot be one), for either an
 * Asterisk Master.csv or a CSV read through desk.yaml's phone.csv mapping. A mapped file's header
 * line is consumed by `header()` before any row.
 */
export class CallRowReader {
  private readonly ctx: CallFieldContext;
  private columns: ColumnIndex | null = null;

  constructor(private readonly options: CallReaderOptions) {
    this.ctx = {
      wallClock: new WallClockParser(options.timeZone),
      isHotline: remembered(hotlineMatcher(options.hotlines)),
      zeroBillsecIsUnanswered: options.format === 'asterisk',
    };
    if (options.format === 'mapped' && !options.mapping)
      throw new Error('a mapped call file needs desk.yaml phone.csv');
    if (options.format === 'mapped' && options.mapping && !options.mapping.header) {
      const resolved = resolveColumns(options.mapping, null);
      if (!resolved.ok) throw new Error(resolved.error);
      this.columns = resolved.value;
    }
  }

  /** True when the next row is a header this reader must read first. */
  get wantsHeader(): boolean {
    return this.options.format === 'mapped' && this.columns === null;
  }

  header(row: readonly string[]): Result<void, string> {
    const resolved = resolveColumns(this.options.mapping as CallCsvMapping, row);
    if (!resolved.ok) return resolved;
    this.columns = resolved.value;
    return ok(undefined);
  }

  read(row: readonly string[]): Result<CallRecord, string> {
    let call: Result<CallRecord, string>;
    if (this.options.format === 'asterisk') {
      const fields = asteriskRowToFields(row);
      call = fields.ok ? callFromFields(fields.value, this.ctx) : fields;
    } else if (!this.columns || !this.options.mapping) return err('no header line read yet');
    else call = callFromFields(mappedRowToFields(row, this.columns, this.options.mapping), this.ctx);
    if (call.ok) {
      // The record outlives the text it was read from (it waits for its batch): keep only its own strings.
      call.value.sourceId = ownCopy(call.value.sourceId);
      call.value.caller = ownCopy(call.value.caller);
      call.value.callee = ownCopy(call.value.callee);
    }
    return call;
  }
}

/**
 * A string that holds no other string alive. In V8 a slice of 13 or more characters points into
 * the string it was cut from, and a concatenation points to its parts; CsvRecordParser cuts fields
 * out of a whole decoded chunk, which a kept field (or a message quoting one) would pin in memory,
 * promoted to the old generation until a full GC. Adding a character and slicing it off again
 * makes a fresh flat string of the text's own length (shorter strings are always copies).
 */
export const ownCopy = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

/** Callees repeat (the hotlines, the extensions): each distinct one is normalized once; bounded. */
function remembered(test: (value: string) => boolean): (value: string) => boolean {
  const seen = new Map<string, boolean>();
  return (value) => {
    let answer = seen.get(value);
    if (answer === undefined) {
      answer = test(value);
      if (seen.size >= 10_000) seen.clear();
      seen.set(ownCopy(value), answer);
    }
    return answer;
  };
}
