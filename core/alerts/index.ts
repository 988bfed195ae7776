export * from './alert.entity.js';
export * from './alert-settings.js';
export * from './map-alert.js';
export * from './alertmanager.schema.js';
export * from './zabbix.schema.js';
export * from './receive-alerts.use-case.js';
