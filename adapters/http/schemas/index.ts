export * from './issue-message.js';
export * from './report-body.schema.js';
export * from './ticket-query.schema.js';
