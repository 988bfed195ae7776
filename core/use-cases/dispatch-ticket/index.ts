export * from './dispatch-ticket.use-case.js';
export * from './dispatch-notifications.js';
