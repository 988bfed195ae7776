export * from './timer-registry.js';
