import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** How the SES v2 emulator is started: this Node with the package's CLI, in exactly this environment. */
export interface SesLocalCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The CLI of `aws-ses-v2-local` (its `bin`), resolved from this package so a global install is never picked. */
function cliPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
}

/**
 * The command line of the emulator on `127.0.0.1:<port>` (its default host is `::`, every interface). It runs
 * with an empty environment: it reads `SMTP_TRANSPORT` from there and, when set, forwards every mail it receives
 * to that SMTP server, so a variable left in the developer's shell would turn local mails into real ones.
 */
export function sesLocalCommand(port: number): SesLocalCommand {
  return {
    command: process.execPath,
    args: [cliPath(), '--host', '127.0.0.1', '--port', String(port)],
    env: {},
  };
}
