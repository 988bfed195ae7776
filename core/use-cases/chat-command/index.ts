export * from './chat-command.types.js';
export * from './run-chat-command.use-case.js';
export * from './answer-query.js';
export * from './chat-command-text.js';
export * from './find-person.js';
