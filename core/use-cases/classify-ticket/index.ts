export * from './classify-ticket.use-case.js';
export * from './classification-facts.js';
export * from './triage-source.js';
