export * from './queue-names.js';
export * from './queue-payloads.js';
export * from './job-options.js';
export * from './redis-connection.js';
export * from './bullmq-job-scheduler.js';
export * from './bullmq-intake-gateway.js';
export * from './managed-redis.js';
