export * from './query-period.js';
export * from './query-answers.js';
