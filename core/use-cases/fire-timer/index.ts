export * from './fire-timer.use-case.js';
