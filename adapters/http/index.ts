export { createHttpApp, type HttpDeps } from './create-http-app.js';
export { healthStatusCode, type HealthCheck, type HealthReport } from './health.js';
export { HTTP_ERRORS, HttpError, type ErrorDetail, type HttpErrorCode } from './http-errors.js';
export { reportToInboundMessage, type ReportEnvelope } from './report-to-inbound.js';
export { parseReportBody, normalizeReportInput, type ReportBody } from './schemas/report-body.schema.js';
export { escapeHtml } from './html/escape-html.js';
