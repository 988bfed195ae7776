export * from './ticket-action.types.js';
export * from './ticket-action.errors.js';
export * from './choose-escalation.js';
export * from './plan-ticket-action.js';
export * from './ticket-actions.use-case.js';
export * from './status-push.listener.js';
