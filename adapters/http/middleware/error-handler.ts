import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { fromBodyParserError, HttpError, internalError } from '../http-errors.js';
import { renderErrorPage } from '../html/index.js';
import { wantsJson } from './wants-json.js';

const PAGE_TITLES: Record<number, string> = {
  400: '请求有误',
  404: '页面不存在',
  405: '不支持的请求方式',
  413: '提交内容过大',
  415: '不支持的提交格式',
  429: '请求过于频繁，请稍后再试',
  500: '服务器出错，请稍后再试',
  503: '服务暂不可用',
};

function toHttpError(error: unknown, req: Request, logger: Logger): HttpError {
  if (error instanceof HttpError) return error;
  const fromParser = fromBodyParserError(error);
  if (fromParser) return fromParser;
  // Only unexpected failures reach here: log them in full, tell the client nothing about them.
  logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
  return internalError();
}

function send(res: Response, req: Request, error: HttpError, deskName: string): void {
  res.status(error.status).set(error.headers);
  if (wantsJson(req)) {
    res.json({
      error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) },
    });
    return;
  }
  const problems = error.details?.map((d) => `${d.path}：${d.message}`) ?? [];
  res
    .type('html')
    .send(renderErrorPage({ deskName, title: PAGE_TITLES[error.status] ?? '请求失败', problems }));
}

/** The one error boundary: every failure leaves as `{ error: { code, message } }` or an error page. */
export function errorHandler(logger: Logger, deskName: string): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    send(res, req, toHttpError(error, req, logger), deskName);
  };
}
