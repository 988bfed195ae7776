export * from './retrain-model.use-case.js';
