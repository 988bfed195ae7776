export * from './resume-pipeline.use-case.js';
export * from './pipeline-next-step.js';
