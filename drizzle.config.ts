import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes SQL migrations from the schema; commit them. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './adapters/db/schema/*.table.ts',
  out: './adapters/db/migrations',
  strict: true,
});
