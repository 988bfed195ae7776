import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

export const SESSION_COOKIE = 'deskbot_session';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionOptions {
  /** Signs the cookie; a restart with a new secret logs everyone out, which is acceptable. */
  secret: string;
  ttlMs?: number;
  /** Set the Secure flag (behind https). */
  secure?: boolean;
  now?: () => number;
}

const sign = (secret: string, payload: string): string =>
  createHmac('sha256', secret).update(payload).digest('base64url');

const sameDigest = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

function readCookie(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Signed, httpOnly, SameSite=Strict session cookies: `<user>.<expiry>.<hmac>`; nothing kept server-side. */
export class Sessions {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  start(res: Response, user: string): void {
    const payload = `${Buffer.from(user).toString('base64url')}.${this.now() + this.ttlMs}`;
    res.cookie(SESSION_COOKIE, `${payload}.${sign(this.options.secret, payload)}`, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.options.secure ?? false,
      path: '/',
      maxAge: this.ttlMs,
    });
  }

  end(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** The signed-in user, or null for no, a forged or an expired cookie. */
  user(req: Request): string | null {
    const value = readCookie(req, SESSION_COOKIE);
    const parts = value?.split('.');
    if (!parts || parts.length !== 3) return null;
    const [user, expiry, mac] = parts as [string, string, string];
    if (!sameDigest(mac, sign(this.options.secret, `${user}.${expiry}`))) return null;
    if (!(Number(expiry) > this.now())) return null;
    return Buffer.from(user, 'base64url').toString();
  }

  /** Pages send the browser to the login form; JSON callers get 401. */
  require(loginPath: string): RequestHandler {
    return (req, res, next) => {
      if (this.user(req) !== null) return next();
      if (req.accepts(['html', 'json']) === 'json' || req.path.includes('/api/'))
        return void res
          .status(401)
          .json({ error: { code: 'UNAUTHORIZED', message: 'Log in to the dashboard first.' } });
      res.redirect(303, `${loginPath}?next=${encodeURIComponent(req.originalUrl)}`);
    };
  }
}

/** Compares a typed password with the configured one in constant time. */
export const passwordMatches = (typed: string, expected: string): boolean => sameDigest(typed, expected);
