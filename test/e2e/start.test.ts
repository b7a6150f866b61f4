import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dynamoLocalPids, exited, portOf, runTypeScript, sesLocalPids, waitForLine } from '../local/helpers/processes';
import { retryUntil } from './e2e-platform';

const ENTRY = fileURLToPath(new URL('../../infra/bin/local.ts', import.meta.url));

describe('npm start (infra/bin/local.ts)', () => {
  it('starts the platform, prints where everything is, serves the API and stops cleanly on Ctrl-C', {
    timeout: 180_000,
  }, async () => {
    const child = runTypeScript(ENTRY, { PORT: '0', WEB_PORT: '0', INOVDA_IN_MEMORY: '1', INOVDA_LOG_LEVEL: 'SILENT' });
    try {
      const [banner = ''] = await waitForLine(child, /inovda is running locally[\s\S]*Ctrl-C stops everything\./);
      const api = /API\s+(http:\/\/localhost:\d+)/.exec(banner)?.[1] ?? '';
      const dynamo = /DynamoDB Local\s+(http:\/\/\S+)/.exec(banner)?.[1] ?? '';
      const mails = /Mails \(SES v2\)\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
      expect(banner).toMatch(/EventBridge\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(banner).toContain('/local/dead-letters');
      expect(banner).toContain('opd.dinkes');
      expect(banner).toContain('curl');

      // Healthy once the demo data is in and every part answers; on a loaded machine a part may answer late at
      // first (the health check gives each a short deadline), so it is asked again for a while, and says why not.
      const health = await retryUntil(
        async () => {
          const response = await fetch(`${api}/health`);
          return { status: response.status, body: await response.text() };
        },
        (answer) => answer.status === 200,
        { timeoutMs: 60_000, intervalMs: 2_000 },
      );
      expect(health.status, health.body.slice(0, 600)).toBe(200);
      // The web app, built at start, on its own origin, told where the API is.
      const web = /Web app\s+(http:\/\/localhost:\d+)/.exec(banner)?.[1] ?? '';
      const app = await fetch(`${web}/inovasi`);
      expect(app.status).toBe(200);
      expect(await app.text()).toContain('<div id="app">');
      expect(await (await fetch(`${web}/config.json`)).json()).toMatchObject({ apiUrl: api, auth: { kind: 'local' } });
      const issued = await fetch(`${api}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'opd.dinkes' }),
      });
      const { token } = (await issued.json()) as { token: string };
      const list = await fetch(`${api}/innovations`, { headers: { authorization: `Bearer ${token}` } });
      expect(list.status).toBe(200);
      // The API's own description, from the route contracts, with no token.
      const openApi = await fetch(`${api}/openapi.json`);
      expect(openApi.status).toBe(200);
      const document = (await openApi.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\.1\./);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/innovations', '/cycles/{id}/board']));
      expect(dynamoLocalPids(portOf(dynamo))).toHaveLength(1);
      // The mail emulator's page, where the banner says mails are read.
      const inbox = await fetch(mails);
      expect(inbox.status).toBe(200);
      expect(inbox.headers.get('content-type')).toContain('text/html');
      expect(sesLocalPids(portOf(mails))).toHaveLength(1);

      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
      expect(dynamoLocalPids(portOf(dynamo))).toEqual([]);
      expect(sesLocalPids(portOf(mails))).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
