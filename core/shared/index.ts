export * from './result.js';
export * from './local-time.js';
export * from './keyed-mutex.js';
