export * from './module-type.js';
export * from './person.js';
export * from './desk-settings.js';
