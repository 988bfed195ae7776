import { err, ok, type Result } from '../shared/result.js';
import type { CallFields } from './call-fields.js';
import type { CallCsvMapping, ColumnRef } from './phone-settings.js';

export type ColumnIndex = Record<keyof CallCsvMapping['columns'], number | undefined>;

/** Resolves the mapping's column names against a header line, once per file. */
export function resolveColumns(
  mapping: CallCsvMapping,
  header: readonly string[] | null,
): Result<ColumnIndex, string> {
  const find = (ref: ColumnRef | undefined, key: string): Result<number | undefined, string> => {
    if (ref === undefined) return ok(undefined);
    if (typeof ref === 'number') return ok(ref - 1);
    if (!header) return err(`phone.csv.columns.${key} names column "${ref}" but phone.csv.header is false`);
    const i = header.findIndex((h) => h.trim().toLowerCase() === ref.trim().toLowerCase());
    return i < 0 ? err(`the file has no column "${ref}" (phone.csv.columns.${key})`) : ok(i);
  };
  const out: Partial<ColumnIndex> = {};
  for (const [key, ref] of Object.entries(mapping.columns) as Array<[keyof ColumnIndex, ColumnRef]>) {
    const found = find(ref, key);
    if (!found.ok) return found;
    out[key] = found.value;
  }
  return ok(out as ColumnIndex);
}

/** One mapped CSV row as call fields; the PBX's own disposition words are translated. */
export function mappedRowToFields(
  row: readonly string[],
  columns: ColumnIndex,
  mapping: CallCsvMapping,
): CallFields {
  const get = (i: number | undefined): string => (i === undefined ? '' : (row[i] ?? ''));
  const opt = (i: number | undefined): string | undefined => (i === undefined ? undefined : get(i));
  const raw = get(columns.disposition).trim();
  return {
    sourceId: get(columns.id),
    start: get(columns.start),
    answer: opt(columns.answer),
    end: opt(columns.end),
    caller: get(columns.caller),
    callee: get(columns.callee),
    disposition: mapping.dispositions[raw] ?? raw,
    duration: opt(columns.duration),
    billsec: opt(columns.billsec),
  };
}
