export * from './satisfaction-settings.js';
export * from './satisfaction-notifications.js';
export * from './satisfaction-follow-up.js';
