export * from './resume-pipeline.use-case.js';
