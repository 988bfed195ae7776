import type { Request } from 'express';

/** API, health and `.json` lookups always answer errors as JSON; pages answer with HTML. */
export function wantsJson(req: Request): boolean {
  const path = req.path;
  return path === '/api' || path.startsWith('/api/') || path === '/healthz' || path.endsWith('.json');
}
