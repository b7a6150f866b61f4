import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Pids of the processes whose command line matches `pattern` (`pgrep -f`). */
function pidsMatching(pattern: string): number[] {
  let output = '';
  try {
    output = execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' });
  } catch {
    // pgrep exits 1 when nothing matches.
  }
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

/** Pids of DynamoDB Local JVMs listening on `port` (`pgrep -f DynamoDBLocal`, narrowed to the port). */
export function dynamoLocalPids(port: string | number): number[] {
  return pidsMatching(`DynamoDBLocal.*-port ${port}( |$)`);
}

/** Pids of SES v2 emulators (the CLI of aws-ses-v2-local) listening on `port`. */
export function sesLocalPids(port: string | number): number[] {
  return pidsMatching(`aws-ses-v2-local/dist/cli\\.js .*--port ${port}( |$)`);
}

/** The port of an `http://host:port` endpoint. */
export function portOf(endpoint: string): string {
  return new URL(endpoint).port;
}

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs a TypeScript file in a new Node process (this Node, with tsx), output piped. */
export function runTypeScript(file: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', TSX_LOADER, file], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves the first stdout line matching `pattern` (the captured groups), or rejects when the process exits. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let errors = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = pattern.exec(buffer);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${errors}${buffer}`)),
    );
  });
}

/** Resolves the exit code once the process has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
