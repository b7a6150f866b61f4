import type { LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2ePlatform } from './e2e-platform';

/**
 * Only Cognito ID tokens act on the API, end to end through the local gateway: an access token of the same client
 * passes the JWT authorizer (HTTP API checks `client_id` when a token has no `aud`), carries the groups but not
 * `custom:opdId`, and is refused by the service kit with a problem, so it cannot slip past the OPD rules.
 */

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-tokens');
});

afterAll(async () => {
  await platform?.stop();
});

async function mint(username: string, tokenUse?: string) {
  const response = await fetch(`${platform.url}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, ...(tokenUse ? { tokenUse } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

describe('tokens on the local API', () => {
  it("mints an access token shaped like Cognito's, and the API refuses it with a 401 problem", async () => {
    const minted = await mint('koordinator', 'access');
    expect(minted.status).toBe(200);
    const token = minted.body.token as string;
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ token_use: 'access', 'cognito:groups': ['coordinator'] });
    expect(claims).not.toHaveProperty('aud');
    expect(claims).not.toHaveProperty('custom:opdId');
    expect(typeof claims.client_id).toBe('string');

    const refused = await fetch(`${platform.url}/cycles`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // Past the authorizer (its refusal is the bare {"message":"Unauthorized"}): the kit's problem, in Indonesian.
    expect(await refused.json()).toMatchObject({
      code: 'unauthenticated',
      status: 401,
      detail: expect.stringContaining('token ID'),
    });
  });

  it('still serves ID tokens, the default of POST /local/token', async () => {
    const explicit = await mint('koordinator', 'id');
    const implicit = await mint('koordinator');
    for (const minted of [explicit, implicit]) {
      expect(claimsOf(minted.body.token as string)).toMatchObject({ token_use: 'id', 'custom:opdId': 'balitbang' });
      const response = await fetch(`${platform.url}/cycles`, {
        headers: { authorization: `Bearer ${minted.body.token as string}` },
      });
      expect(response.status).toBe(200);
    }
  });

  it('refuses a token kind it does not know with a 400 problem', async () => {
    const minted = await mint('koordinator', 'refresh');
    expect(minted.status).toBe(400);
    expect(minted.body).toMatchObject({ code: 'malformed-body', status: 400 });
  });
});
