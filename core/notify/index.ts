export * from './contact-address.js';
export * from './notification-text.js';
export * from './status-text.js';
