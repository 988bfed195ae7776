export * from './handover.entity.js';
export * from './handover.errors.js';
export * from './shift-change.js';
export * from './progress-summary.js';
export * from './shift-ends.js';
export * from './handover-settings.js';
