export * from './bearer-auth.js';
export * from './error-handler.js';
export * from './method-not-allowed.js';
export * from './rate-limit.js';
export * from './request-logger.js';
export * from './require-content-type.js';
export * from './wants-json.js';
