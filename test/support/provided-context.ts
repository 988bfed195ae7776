// What test/support/global-setup.ts hands to test files through `inject(...)`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A throw-away PostgreSQL server (superuser URL); use createTestDatabase() for a database of your own. */
    postgresUrl: string;
  }
}

export {};
