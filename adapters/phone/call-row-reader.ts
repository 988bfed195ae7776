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
      isHotline: hotlineMatcher(options.hotlines),
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
    if (this.options.format === 'asterisk') {
      const fields = asteriskRowToFields(row);
      return fields.ok ? callFromFields(fields.value, this.ctx) : fields;
    }
    if (!this.columns || !this.options.mapping) return err('no header line read yet');
    return callFromFields(mappedRowToFields(row, this.columns, this.options.mapping), this.ctx);
  }
}
