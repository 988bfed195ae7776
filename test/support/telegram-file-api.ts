import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TelegramFileApi {
  /** Give the bot this as its apiRoot. */
  url: string;
  /** Files the bot may download, by file_id. A file_id not here is answered as Telegram does: 400. */
  files: Map<string, Buffer>;
  /** How many downloads of each file_id were served. */
  downloads: Map<string, number>;
  stop(): Promise<void>;
}

const body = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** file_id from a getFile call: query string, JSON body or form body, as the Bot API accepts. */
function fileIdOf(url: URL, raw: Buffer, type: string | undefined): string | null {
  const fromQuery = url.searchParams.get('file_id');
  if (fromQuery) return fromQuery;
  const text = raw.toString('utf8');
  if (type?.includes('json')) return (JSON.parse(text || '{}') as { file_id?: string }).file_id ?? null;
  return new URLSearchParams(text).get('file_id');
}

/**
 * The two Bot API calls telegram-test-api does not have — `getFile` and the `/file/bot<token>/<path>`
 * download — served over real HTTP in front of the emulator; every other request is passed on to it
 * unchanged (long polling included).
 */
export async function startTelegramFileApi(emulatorUrl: string, token: string): Promise<TelegramFileApi> {
  const files = new Map<string, Buffer>();
  const downloads = new Map<string, number>();
  const upstream = new URL(emulatorUrl);
  const pathOf = (fileId: string) => `photos/${encodeURIComponent(fileId)}.jpg`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname === `/bot${token}/getFile`) {
      void body(req).then((raw) => {
        const id = fileIdOf(url, raw, req.headers['content-type']);
        const content = id ? files.get(id) : undefined;
        if (!id || !content)
          return send(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        send(200, {
          ok: true,
          result: {
            file_id: id,
            file_unique_id: `u-${id}`,
            file_size: content.length,
            file_path: pathOf(id),
          },
        });
      });
      return;
    }
    const prefix = `/file/bot${token}/`;
    if (url.pathname.startsWith(prefix)) {
      const id = [...files.keys()].find((k) => pathOf(k) === url.pathname.slice(prefix.length));
      const content = id ? files.get(id) : undefined;
      if (!id || !content) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
      downloads.set(id, (downloads.get(id) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': content.length });
      res.end(content);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', (e) => send(502, { ok: false, description: e.message }));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    downloads,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
