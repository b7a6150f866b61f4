import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a process with this id is running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A temporary file the `spin` fixture writes its process id to. */
export function pidFile(): { path: string; pid(): number | undefined; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'inovda-spin-'));
  const path = join(directory, 'pid');
  return {
    path,
    pid: () => {
      try {
        const pid = Number(readFileSync(path, 'utf8'));
        return Number.isInteger(pid) && pid > 0 ? pid : undefined;
      } catch {
        return undefined;
      }
    },
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
