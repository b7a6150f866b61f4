import { Webhook } from 'standardwebhooks';

/**
 * The receiving side, for receivers (the tests' webhook receiver, an OPD's sample code): whether a delivery carries
 * a valid signature by any of `secrets` and a timestamp within 5 minutes of now. It is the `standardwebhooks`
 * package's own check, not the platform's signing code run backwards, so a passing test means a receiver using the
 * reference implementation accepts what the platform sends. The platform itself only signs (`signing.ts`).
 */
export function verifyWebhook(
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
  secrets: readonly string[],
): boolean {
  const received: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) received[name.toLowerCase()] = value;
  }
  return secrets.some((secret) => {
    try {
      new Webhook(secret).verify(body, received, { jsonParse: false });
      return true;
    } catch {
      return false;
    }
  });
}
