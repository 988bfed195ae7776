export * from './result.js';
export * from './local-time.js';
