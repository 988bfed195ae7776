export * from './record-delivery.use-case.js';
