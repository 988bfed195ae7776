import type { Disposition } from './call-record.js';

/** A column by header name, or by 1-based position when the file has no header. */
export type ColumnRef = string | number;

/** desk.yaml `phone.csv`: how to read a PBX's CSV that is not Asterisk's cdr_csv. */
export interface CallCsvMapping {
  delimiter: string;
  /** The first line names the columns (then columns may be referred to by name). */
  header: boolean;
  columns: {
    id: ColumnRef;
    start: ColumnRef;
    answer?: ColumnRef;
    end?: ColumnRef;
    caller: ColumnRef;
    callee: ColumnRef;
    disposition: ColumnRef;
    duration?: ColumnRef;
    billsec?: ColumnRef;
  };
  /** The PBX's disposition words → ours (e.g. 已接: ANSWERED); unmapped values are read as ours. */
  dispositions: Record<string, Disposition>;
}

/** desk.yaml `phone:`; absent → defaults. */
export interface PhoneSettings {
  /** The zone of the PBX's local times; absent = the desk's time zone. */
  timeZone?: string;
  /**
   * A missed desk call older than this (minutes) when it reaches us is history: counted for the
   * answer rate, not rung back. Keeps a bulk import of last year's CDRs from paging the desk.
   */
  callbackMaxAgeMinutes: number;
  csv?: CallCsvMapping;
}

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = { callbackMaxAgeMinutes: 240 };
