export * from './channel.js';
export * from './inbound-message.js';
