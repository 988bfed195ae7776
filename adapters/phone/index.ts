export * from './call-row-reader.js';
export * from './import-calls.js';
