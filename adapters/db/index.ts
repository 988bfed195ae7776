export { openDatabase, type OpenDatabaseOptions } from './open-database.js';
export type { Database, DatabaseKind, Db } from './database.js';
export { DrizzleTicketRepository } from './ticket.repository.js';
export { DrizzlePersonRepository } from './person.repository.js';
