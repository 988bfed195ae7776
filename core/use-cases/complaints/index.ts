export * from './complaint-deps.js';
export * from './complaint-notifications.js';
export * from './submit-complaint.use-case.js';
export * from './take-complaint-step.use-case.js';
export * from './complaint-reminders.js';
