export * from './reclassify-ticket.use-case.js';
