export * from './use-case.errors.js';
export * from './ingest-message/index.js';
export * from './classify-ticket/index.js';
export * from './dispatch-ticket/index.js';
export * from './record-delivery/index.js';
export * from './resume-pipeline/index.js';
