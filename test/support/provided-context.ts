// What test/support/global-setup.ts hands to test files through `inject(...)`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A throw-away PostgreSQL server (superuser URL); use createTestDatabase() for a database of your own. */
    postgresUrl: string;
    /** A throw-away redis-server (loopback, AOF on, noeviction) shared by the run: use random queue names. */
    redisUrl: string;
  }
}

export {};
