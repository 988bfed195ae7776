import { getTableColumns, type Table } from 'drizzle-orm';

interface ColumnLike {
  name: string;
  getSQLType(): string;
  mapToDriverValue(value: unknown): unknown;
}

function columnsOf(table: Table): Array<[string, ColumnLike]> {
  return Object.entries(getTableColumns(table)) as unknown as Array<[string, ColumnLike]>;
}

/** serial types exist only in DDL; a cast needs the integer type underneath. */
const castType = (c: ColumnLike) =>
  c
    .getSQLType()
    .replace(/^bigserial$/, 'bigint')
    .replace(/^serial$/, 'integer');

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Every column of the table as `"column_name" as "key"`, so hand-written statements return rows
 * shaped like drizzle's `$inferSelect` and the existing row mappers apply unchanged.
 */
export function selectList(table: Table, qualifier?: string): string {
  const prefix = qualifier ? `${quote(qualifier)}.` : '';
  return columnsOf(table)
    .map(([key, c]) =>
      key === c.name ? `${prefix}${quote(c.name)}` : `${prefix}${quote(c.name)} as ${quote(key)}`,
    )
    .join(', ');
}

/** Some of a table's columns, in a fixed order, bound to consecutive parameters. */
export interface ColumnBinding<K extends string> {
  /** `"a", "b", …` for an INSERT column list. */
  readonly names: string;
  /** `$n::type, …` from parameter `first` on, typed so they also work in INSERT … SELECT. */
  values(first: number): string;
  /** `"a" = $n::type, …` for an UPDATE from parameter `first` on. */
  assignments(first: number): string;
  /** The parameters, encoded the way drizzle encodes them (Date → ISO text, jsonb → JSON text). */
  params(values: Readonly<Partial<Record<K, unknown>>>): unknown[];
  readonly size: number;
}

export function bindColumns<K extends string>(table: Table, keys: readonly K[]): ColumnBinding<K> {
  const all = new Map(columnsOf(table));
  const columns = keys.map((key): [K, ColumnLike] => {
    const column = all.get(key);
    if (!column) throw new Error(`${key} is not a column of this table.`);
    return [key, column];
  });
  const placeholder = (c: ColumnLike, n: number) => `$${n}::${castType(c)}`;
  return {
    names: columns.map(([, c]) => quote(c.name)).join(', '),
    values: (first) => columns.map(([, c], i) => placeholder(c, first + i)).join(', '),
    assignments: (first) =>
      columns.map(([, c], i) => `${quote(c.name)} = ${placeholder(c, first + i)}`).join(', '),
    params: (values) =>
      columns.map(([key, c]) => {
        const value = values[key];
        return value === null || value === undefined ? null : c.mapToDriverValue(value);
      }),
    size: columns.length,
  };
}
