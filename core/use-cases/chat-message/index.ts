export * from './chat-message.ports.js';
export * from './chat-message.use-case.js';
export * from './close-burst.use-case.js';
export * from './chat-replies.js';
