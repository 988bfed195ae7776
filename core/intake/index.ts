export * from './chat-settings.js';
export * from './chat-text.js';
export * from './report-detection.js';
export * from './ticket-details.js';
export * from './rating-answer.js';
export * from './burst-draft.js';
