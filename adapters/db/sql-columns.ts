import { getTableColumns, type Table } from 'drizzle-orm';

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Every column of the table as `"column_name" as "key"`, so hand-written statements return rows
 * shaped like drizzle's `$inferSelect` and the existing row mappers apply unchanged.
 */
export function selectList(table: Table): string {
  return Object.entries(getTableColumns(table))
    .map(([key, column]) =>
      key === column.name ? quote(column.name) : `${quote(column.name)} as ${quote(key)}`,
    )
    .join(', ');
}
