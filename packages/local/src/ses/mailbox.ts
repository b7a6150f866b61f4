import * as z from 'zod/mini';

/** A mail the SES v2 emulator accepted, as a test reads it. */
export interface SentMail {
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly replyTo: readonly string[];
  readonly subject: string;
  /** The plain-text part, if the mail has one. */
  readonly text: string | undefined;
  /** The HTML part, if the mail has one. */
  readonly html: string | undefined;
  /** When the emulator accepted it (whole seconds: that is all it records). */
  readonly sentAt: Date;
}

/** The mails an SES v2 emulator has accepted. */
export interface LocalMailbox {
  /** Every mail accepted since it started (or since the last `clear()`), oldest first. */
  mails(): Promise<readonly SentMail[]>;
  /** Forgets every mail, and the templates made with `CreateEmailTemplate` too (the emulator clears both). */
  clear(): Promise<void>;
}

/**
 * One mail in `GET /store` of aws-ses-v2-local: Simple and Template content as sent; Raw content parsed by its
 * mailparser, which puts each address header in one string (`"A <a@x>, b@y"`), and an absent subject as
 * `(no subject)`.
 */
const storedMailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.optional(z.string()), text: z.optional(z.string()) }),
  at: z.number(),
});

const storeSchema = z.object({ emails: z.array(storedMailSchema) });

const REQUEST_TIMEOUT_MS = 10_000;

async function call(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
  return response.json();
}

/** The mailbox of the aws-ses-v2-local emulator at `endpoint`, read through its `/store` API. */
export function sesMailbox(endpoint: string): LocalMailbox {
  return {
    mails: async () => {
      const { emails } = storeSchema.parse(await call(`${endpoint}/store`));
      return emails.map((mail) => ({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.destination.to,
        cc: mail.destination.cc,
        bcc: mail.destination.bcc,
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.body.text,
        html: mail.body.html,
        sentAt: new Date(mail.at * 1000),
      }));
    },
    clear: async () => {
      await call(`${endpoint}/clear-store`, { method: 'POST' });
    },
  };
}
