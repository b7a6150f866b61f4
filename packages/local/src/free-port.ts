import { createServer } from 'node:net';

/**
 * A TCP port nothing listens on right now: bind port 0 on loopback, read what the OS chose, close. Another process
 * could take it before we use it, but for a developer machine that race is negligible.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not read the free port'))));
    });
  });
}
