import type { FaultSwitchboard } from '../faults/switchboard';
import { sendJson } from '../http-io';
import type { LocalLogger } from '../log';
import { type PassThrough, startPassThrough } from '../pass-through';

/**
 * The functions reach the SES v2 emulator through this pass-through, so the `ses-throttled` fault acts on their
 * calls as SES throttling does: HTTP 429 `TooManyRequestsException` (SES v2's REST-JSON error, named in the
 * `x-amzn-ErrorType` header as AWS does), nothing sent; the SDK retries it, then the caller sees the error. Off,
 * every request goes through unchanged. The mail page and the tests' mailbox read the emulator directly.
 */
export function startFunctionSesEndpoint(options: {
  readonly upstream: string;
  readonly faults: Pick<FaultSwitchboard, 'get' | 'acted'>;
  readonly log: LocalLogger;
}): Promise<PassThrough> {
  return startPassThrough({
    upstream: options.upstream,
    name: 'SES v2 endpoint',
    log: options.log,
    maxSockets: 16,
    intercept: (request, _body, response) => {
      if (!options.faults.get('ses-throttled') || request.method !== 'POST') return false;
      options.faults.acted('ses-throttled');
      sendJson(
        response,
        429,
        { message: 'Maximum sending rate exceeded.' },
        { 'x-amzn-errortype': 'TooManyRequestsException' },
      );
      return true;
    },
  });
}
