import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** One line per request. Only method, path (no query string), status and time: never headers or bodies. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      logger[level](line, res.writableFinished ? 'request' : 'request aborted');
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
