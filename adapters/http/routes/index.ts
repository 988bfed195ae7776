export * from './health.route.js';
export * from './lookup.route.js';
export * from './report-form.route.js';
export * from './reports.route.js';
export * from './tickets.route.js';
export * from './ticket-actions.route.js';
