import type { LocalLogger } from '../log';
import { type LocalMailbox, sesMailbox } from '../ses/mailbox';
import { type SesLocal, startSesLocal } from '../ses/ses-local';
import type { StopOrder } from './stop-order';

/** The SES v2 emulator the functions with a `send-email` grant send through. */
export interface PlatformSes {
  /** Its API (`AWS_ENDPOINT_URL_SESV2`), and, opened in a browser, the page listing the sent mails. */
  readonly endpoint: string;
  /** The emulator this platform started; undefined when it was given one. */
  readonly started: SesLocal | undefined;
  readonly mailbox: LocalMailbox;
}

/**
 * Uses the emulator at `endpoint`, starts one (when undefined), or none (`false`: functions with a `send-email`
 * grant get no SES endpoint, and the platform warns about them).
 */
export async function connectSes(
  endpoint: string | false | undefined,
  log: LocalLogger,
  stops: StopOrder,
): Promise<PlatformSes | undefined> {
  if (endpoint === false) {
    log.info('▸ SES v2 emulator: off');
    return undefined;
  }
  if (endpoint) {
    log.info(`▸ SES v2 emulator: using ${endpoint}`);
    return { endpoint, started: undefined, mailbox: sesMailbox(endpoint) };
  }
  log.info('▸ SES v2 emulator: starting (mails in memory)…');
  const started = await startSesLocal();
  stops.add(() => started.stop());
  log.info(`  listening on ${started.endpoint}`);
  return { endpoint: started.endpoint, started, mailbox: started.mailbox };
}
