export * from './desk-metrics.js';
