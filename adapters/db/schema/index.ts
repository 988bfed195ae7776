export * from './people.table.js';
export * from './tickets.table.js';
export * from './ticket-messages.table.js';
export * from './ticket-attachments.table.js';
export * from './ticket-events.table.js';
export * from './ticket-counters.table.js';
export * from './ticket-person-counts.table.js';
