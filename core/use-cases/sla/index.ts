export * from './sync-sla-timers.use-case.js';
export * from './fire-sla-timer.use-case.js';
export * from './sla-notifications.js';
