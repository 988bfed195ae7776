export * from './ingest-message.use-case.js';
export * from './new-ticket-from-message.js';
