export * from './ticket-status.js';
export * from './ticket-transitions.js';
export * from './ticket.errors.js';
export * from './ticket.entity.js';
export * from './ticket-event.js';
export * from './ticket-number.js';
export * from './ticket-lifecycle.js';
