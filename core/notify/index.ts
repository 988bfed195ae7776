export * from './contact-address.js';
export * from './notification-text.js';
