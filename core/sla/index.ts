export * from './local-dates.js';
export * from './sla-calendar.js';
export * from './working-time.js';
export * from './sla-rules.js';
export * from './sla-plan.js';
export * from './sla-desk.js';
