export const REDACTED = '***';

const SECRET_KEY = /(password|passwd|secret|token|api_?key|credential)/i;
// Userinfo runs to the last '@' before the path, so an unencoded '@' in a password is hidden too.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi;
const SECRET_QUERY = /([?&](?:password|pass|passwd|token|secret|api_?key)=)[^&#\s]*/gi;

/**
 * A copy safe to log: values under secret-looking keys (passwords, tokens) and credentials inside URLs
 * (`redis://:secret@…`, `postgres://u:secret@…`, `?password=…`) become `***`. Works on any nested value,
 * so fields added to the config later are covered by name.
 */
export function redactConfig<T>(config: T): T {
  return redact(config, false) as T;
}

function redact(value: unknown, secret: boolean): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return secret ? REDACTED : redactUrls(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, secret));
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redact(item, secret || SECRET_KEY.test(key))]),
    );
  }
  return secret ? REDACTED : value;
}

export function redactUrls(text: string): string {
  return text.replace(URL_USERINFO, `$1${REDACTED}@`).replace(SECRET_QUERY, `$1${REDACTED}`);
}
