export * from './chat-command.types.js';
