export * from './dispatch.errors.js';
export * from './shift-calendar.js';
export * from './choose-owner.js';
export * from './choose-assignee.js';
export * from './candidate-score.js';
