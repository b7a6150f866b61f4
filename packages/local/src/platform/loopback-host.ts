import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEMS } from '@inovda/kernel';
import { sendJson } from '../http-io';

/** The names the local API answers to: the loopback addresses it listens on, by name or number. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether `Host` names this machine's API: a loopback name with the API's port (or without a port when that is 80,
 * as browsers send it). Listening on 127.0.0.1 keeps other machines out, but not a web page in the developer's
 * browser whose DNS name is rebound to 127.0.0.1: its requests reach the port carrying the page's own name in
 * `Host`, and without this check it could mint an admin token from `POST /local/token`.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const wanted = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => wanted === `${name}:${port}` || (port === 80 && wanted === name));
}

/**
 * Refuses a request whose `Host` is not the local API's. 421 Misdirected Request (RFC 9110 §15.5.20) says exactly
 * this: the server is not authoritative for the name asked for. It keeps 403 for what it means on the API (a role
 * or rule refuses the caller), so a developer reading the status knows it is the address, not the token.
 */
export function refuseMisdirected(response: ServerResponse, request: IncomingMessage): void {
  request.resume();
  const code = 'misdirected-request';
  const { status, title } = PROBLEMS[code];
  sendJson(
    response,
    status,
    {
      type: `https://inovda.id/problems/${code}`,
      code,
      title,
      status,
      detail: 'Gunakan alamat http://localhost:<port> atau http://127.0.0.1:<port> untuk API lokal.',
    },
    { 'content-type': 'application/problem+json', connection: 'close' },
  );
}
