import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: bound to port 0 and released. Another process may take
 * it in between, so servers started on it retry with a fresh one where that matters.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No free loopback port.'))));
    });
  });
}
