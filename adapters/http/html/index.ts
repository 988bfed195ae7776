export * from './escape-html.js';
export * from './safe-html.js';
export * from './labels.js';
export * from './layout.js';
export * from './error.page.js';
export * from './report-form.page.js';
export * from './report-queued.page.js';
export * from './ticket-lookup.page.js';
