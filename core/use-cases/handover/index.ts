export * from './handover-deps.js';
export * from './handover-notifications.js';
export * from './hand-over-shift.use-case.js';
export * from './shift-end-watch.js';
