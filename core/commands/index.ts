export * from './command.js';
export * from './command.errors.js';
export * from './command-usage.js';
export * from './parse-command.js';
export * from './parse-resolution.js';
export * from './command-policy.js';
export * from './command-settings.js';
