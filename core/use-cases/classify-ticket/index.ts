export * from './classify-ticket.use-case.js';
