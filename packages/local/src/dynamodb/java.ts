import { spawnSync } from 'node:child_process';
import { LocalRuntimeError } from '../errors';

/** DynamoDB Local 3.x runs on Java 17 or later. */
export const MINIMUM_JAVA_VERSION = 17;

const INSTALL_HINT = 'install it with `apt-get install openjdk-17-jre-headless` (or any JRE 17+ on PATH)';

/** The major version in `java -version` output: `"17.0.15"` → 17, the old `"1.8.0_301"` scheme → 8. */
export function parseJavaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/**
 * Fails with one actionable line when `java` is missing or too old, before DynamoDB Local is spawned (its own
 * failure would be a Java stack trace, or silence). `command` exists for tests; DynamoDB Local runs `java`.
 */
export function requireJava(command = 'java'): void {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error) {
    throw new LocalRuntimeError(`Java not found: DynamoDB Local needs Java ${MINIMUM_JAVA_VERSION}+; ${INSTALL_HINT}.`);
  }
  const version = parseJavaMajorVersion(`${result.stderr ?? ''}${result.stdout ?? ''}`);
  if (version === undefined || version < MINIMUM_JAVA_VERSION) {
    const found = version === undefined ? 'an unrecognised Java' : `Java ${version}`;
    throw new LocalRuntimeError(
      `Found ${found}, but DynamoDB Local needs Java ${MINIMUM_JAVA_VERSION}+; ${INSTALL_HINT}.`,
    );
  }
}
