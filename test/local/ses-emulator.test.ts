import { fileURLToPath } from 'node:url';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type SesLocal, startSesLocal } from '@inovda/local';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exited, portOf, runTypeScript, sesLocalPids, waitForLine } from './helpers/processes';
import { waitFor } from './helpers/wait';

/** A client as a handler would build it, pointed at the emulator (placeholder credentials, as locally). */
function sesClient(endpoint: string): SESv2Client {
  return new SESv2Client({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** A MIME message with a text and an HTML part, as `Content.Raw` carries it. */
const RAW_MESSAGE = [
  'From: Inovda Kota Uji <noreply@uji.inovda.id>',
  'To: opd.dinkes@uji.go.id',
  'Subject: =?UTF-8?B?VGFoYXAgZGlzZXR1anVpIOKckw==?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="part"',
  '',
  '--part',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Inovasi Anda maju ke tahap uji coba.',
  '--part',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Inovasi Anda maju ke tahap <b>uji coba</b>.</p>',
  '--part--',
  '',
].join('\r\n');

describe('the SES v2 emulator (aws-ses-v2-local)', () => {
  let emulator: SesLocal;
  let ses: SESv2Client;

  beforeAll(async () => {
    emulator = await startSesLocal();
    ses = sesClient(emulator.endpoint);
  });

  afterAll(async () => {
    ses?.destroy();
    await emulator?.stop();
  });

  beforeEach(() => emulator.mailbox.clear());

  it('listens on loopback only, and serves its page of sent mails at the endpoint', async () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(emulator.endpoint);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('accepts SendEmail with Simple content and gives the mail back, text and HTML', async () => {
    const sent = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@uji.inovda.id',
        Destination: { ToAddresses: ['opd.dinkes@uji.go.id'], CcAddresses: ['koordinator@uji.go.id'] },
        Content: {
          Simple: {
            Subject: { Data: 'Siklus 2025 dibuka' },
            Body: {
              Text: { Data: 'Siklus inovasi 2025 dibuka. Daftarkan inovasi Anda.' },
              Html: { Data: '<p>Siklus inovasi 2025 <b>dibuka</b>.</p>' },
            },
          },
        },
      }),
    );
    expect(sent.MessageId).toBeTruthy();
    expect(await emulator.mailbox.mails()).toEqual([
      {
        messageId: sent.MessageId,
        from: 'noreply@uji.inovda.id',
        to: ['opd.dinkes@uji.go.id'],
        cc: ['koordinator@uji.go.id'],
        bcc: [],
        replyTo: [],
        subject: 'Siklus 2025 dibuka',
        text: 'Siklus inovasi 2025 dibuka. Daftarkan inovasi Anda.',
        html: '<p>Siklus inovasi 2025 <b>dibuka</b>.</p>',
        sentAt: expect.any(Date),
      },
    ]);
  });

  it('accepts SendEmail with Raw content, parsing its headers and parts', async () => {
    const sent = await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(RAW_MESSAGE) } } }));
    const [mail, ...others] = await emulator.mailbox.mails();
    expect(others).toEqual([]);
    // Addresses as the emulator's parser writes them: a display name in quotes.
    expect(mail).toMatchObject({
      messageId: sent.MessageId,
      from: '"Inovda Kota Uji" <noreply@uji.inovda.id>',
      to: ['opd.dinkes@uji.go.id'],
      subject: 'Tahap disetujui ✓',
      text: 'Inovasi Anda maju ke tahap uji coba.',
      html: '<p>Inovasi Anda maju ke tahap <b>uji coba</b>.</p>',
    });
  });

  it('forgets every mail on clear()', async () => {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@uji.inovda.id',
        Destination: { ToAddresses: ['opd.dinkes@uji.go.id'] },
        Content: { Simple: { Subject: { Data: 'Satu' }, Body: { Text: { Data: 'satu' } } } },
      }),
    );
    expect(await emulator.mailbox.mails()).toHaveLength(1);
    await emulator.mailbox.clear();
    expect(await emulator.mailbox.mails()).toEqual([]);
  });

  it('refuses what SES refuses: Simple content without a sender', async () => {
    const unsent = ses.send(
      new SendEmailCommand({
        Destination: { ToAddresses: ['opd.dinkes@uji.go.id'] },
        Content: { Simple: { Subject: { Data: 'Tanpa pengirim' }, Body: { Text: { Data: '…' } } } },
      }),
    );
    await expect(unsent).rejects.toThrow();
    expect(await emulator.mailbox.mails()).toEqual([]);
  });
});

describe('stopping the SES v2 emulator leaves no process behind', () => {
  it('stop() ends its process, and a second stop() is harmless', async () => {
    const emulator = await startSesLocal();
    const port = portOf(emulator.endpoint);
    expect(sesLocalPids(port)).toEqual([emulator.pid]);
    await emulator.stop();
    expect(sesLocalPids(port)).toEqual([]);
    await emulator.stop();
  });

  it('kills it even when the process that started it is killed outright', { timeout: 60_000 }, async () => {
    const child = runTypeScript(fileURLToPath(new URL('./fixtures/start-ses.ts', import.meta.url)));
    const [, endpoint = ''] = await waitForLine(child, /ENDPOINT (\S+)/);
    const port = portOf(endpoint);
    expect(sesLocalPids(port)).toHaveLength(1);
    // SIGKILL: no exit handler runs, so only the watchdog can stop the emulator.
    child.kill('SIGKILL');
    await exited(child);
    await waitFor(() => (sesLocalPids(port).length === 0 ? true : undefined), 30_000);
  });
});
