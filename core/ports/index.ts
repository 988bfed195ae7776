export * from './ticket.repository.port.js';
export * from './person.repository.port.js';
export * from './job-scheduler.port.js';
export * from './clock.port.js';
export * from './logger.port.js';
export * from './tokenizer.port.js';
export * from './intake-gateway.port.js';
export * from './ticket-change.port.js';
