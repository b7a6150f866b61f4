import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

/** One e-mail, as the service sends it: a plain-text part and an HTML part made from the same text. */
export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends e-mail; returns the provider's message id. Throws when the provider refuses or fails (the caller retries). */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<string>;
}

/**
 * SES v2 `SendEmail` from the region's sender, through its configuration set (bounce and complaint suppression,
 * sending metrics; see infra/lib/region-email.ts). The endpoint and credentials come from the standard SDK
 * environment (`AWS_ENDPOINT_URL_SESV2` locally: the SES v2 emulator the local platform runs).
 */
export class SesSender implements EmailSender {
  constructor(
    private readonly from: string,
    private readonly configurationSetName: string,
    private readonly client: SESv2Client = new SESv2Client({}),
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    const charset = 'UTF-8';
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [email.to] },
        ConfigurationSetName: this.configurationSetName,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: charset },
            Body: { Text: { Data: email.text, Charset: charset }, Html: { Data: email.html, Charset: charset } },
          },
        },
      }),
    );
    return result.MessageId ?? '';
  }
}
