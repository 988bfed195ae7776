export * from './complaint-status.js';
export * from './complaint.entity.js';
export * from './complaint.errors.js';
export * from './complaint-steps.js';
export * from './complaint-reminder.js';
