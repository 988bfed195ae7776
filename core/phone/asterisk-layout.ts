import { err, ok, type Result } from '../shared/result.js';
import type { CallFields } from './call-fields.js';
import { numberFromCallerId } from './desk-call.js';

/**
 * Asterisk cdr_csv's columns, in the order cdr_csv.c writes them. The first 16 are always there;
 * `uniqueid` and `userfield` follow when loguniqueid / loguserfield are on (both default on), and
 * `peeraccount`, `linkedid`, `sequence` when newcdrcolumns is on (Asterisk 12+).
 */
export const ASTERISK_BASE_COLUMNS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
] as const;
const NEW_COLUMNS = ['peeraccount', 'linkedid', 'sequence'] as const;

type Column =
  (typeof ASTERISK_BASE_COLUMNS)[number] | 'uniqueid' | 'userfield' | (typeof NEW_COLUMNS)[number];

/**
 * The column names for a row of `count` fields. 17 and 20 are read as uniqueid without userfield,
 * since loguniqueid is on by default and a lone userfield column is the rarer setting.
 */
const LAYOUTS: Record<number, readonly Column[]> = {
  16: ASTERISK_BASE_COLUMNS,
  17: [...ASTERISK_BASE_COLUMNS, 'uniqueid'],
  18: [...ASTERISK_BASE_COLUMNS, 'uniqueid', 'userfield'],
  19: [...ASTERISK_BASE_COLUMNS, ...NEW_COLUMNS],
  20: [...ASTERISK_BASE_COLUMNS, 'uniqueid', ...NEW_COLUMNS],
  21: [...ASTERISK_BASE_COLUMNS, 'uniqueid', 'userfield', ...NEW_COLUMNS],
};

export const ASTERISK_COLUMN_COUNTS = Object.keys(LAYOUTS).map(Number);

/** Each layout's column positions by name (-1: not in that layout), looked up once per row. */
type Positions = Record<Column, number>;
const ALL_COLUMNS: readonly Column[] = LAYOUTS[21] as readonly Column[];
const POSITIONS = new Map<number, Positions>(
  Object.entries(LAYOUTS).map(([count, names]) => [
    Number(count),
    Object.fromEntries(ALL_COLUMNS.map((c) => [c, names.indexOf(c)])) as Positions,
  ]),
);

/**
 * One Master.csv row as call fields. Legs of one call share linkedid; without it, uniqueid (the
 * calling channel's id) groups them; the oldest layouts have neither, so the calling channel and
 * its start time stand in.
 */
export function asteriskRowToFields(row: readonly string[]): Result<CallFields, string> {
  const at = POSITIONS.get(row.length);
  if (!at)
    return err(
      `${row.length} columns; an Asterisk cdr_csv row has ${ASTERISK_COLUMN_COUNTS.join(', ')} ` +
        `(other layouts need a phone.csv mapping in desk.yaml)`,
    );
  const get = (c: Column): string => {
    const i = at[c];
    return i < 0 ? '' : (row[i] ?? '');
  };
  const sourceId = get('linkedid') || get('uniqueid') || `${get('channel')}@${get('start')}`;
  return ok({
    sourceId,
    start: get('start'),
    answer: get('answer'),
    end: get('end'),
    caller: get('src') || numberFromCallerId(get('clid')),
    callee: get('dst'),
    disposition: get('disposition'),
    duration: get('duration'),
    billsec: get('billsec'),
  });
}
