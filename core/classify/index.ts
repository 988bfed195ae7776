export * from './classification.js';
export * from './normalize-text.js';
export * from './rule-classifier.js';
