import { type ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** An emulator's process (DynamoDB Local, the SES emulator) as the runtime watches it. */
export interface TrackedProcess {
  /** Whether it has exited (or never started). */
  exited(): boolean;
  /** Why it is gone, with the tail of its output, for the error of a start that failed. */
  failure(): string;
  /** SIGTERM, SIGKILL after a grace period; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL_CHARS = 4_000;
const STOP_GRACE_MS = 5_000;

/**
 * Watches a spawned emulator (`name` in messages): keeps the tail of its output, notices its exit, and makes sure
 * it never outlives this Node process: `stop()`, an 'exit' hook, and a watchdog for when Node dies without either.
 */
export function trackProcess(child: ChildProcess, name: string): TrackedProcess {
  let output = '';
  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', (code) => {
      exitCode = code;
      resolveExit();
    });
    child.once('error', (error) => {
      spawnError = error;
      exitCode ??= -1;
      resolveExit();
    });
  });
  const watchdog = startWatchdog(child.pid);
  // A Node process that exits without stop() (uncaught error, process.exit) must not orphan the emulator.
  const killOnExit = () => {
    child.kill('SIGKILL');
    watchdog?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
        if (!stopped) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      process.removeListener('exit', killOnExit);
      watchdog?.kill('SIGKILL');
    })();
    return stopping;
  };
  return {
    exited: () => exitCode !== undefined,
    failure: () =>
      spawnError
        ? `could not start ${name}: ${spawnError.message}`
        : `${name} exited with code ${String(exitCode)}: ${output.trim().split('\n').slice(-5).join(' | ')}`,
    stop,
  };
}

/**
 * A detached shell that outlives this Node process and kills the emulator once the process is gone, however it
 * went (SIGKILL, a test runner tearing down its worker): 'exit' handlers do not run then, and the emulator would
 * be left holding its port. Not on Windows, which has no `sh`.
 */
function startWatchdog(pid: number | undefined): ChildProcess | undefined {
  if (pid === undefined || process.platform === 'win32') return undefined;
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill ${pid} 2>/dev/null; ` +
    `for i in 1 2 3 4 5; do kill -0 ${pid} 2>/dev/null || exit 0; sleep 1; done; kill -9 ${pid} 2>/dev/null`;
  const watchdog = spawnProcess('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => {});
  watchdog.unref();
  return watchdog;
}
