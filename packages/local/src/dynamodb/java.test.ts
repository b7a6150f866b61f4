import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRuntimeError } from '../errors';
import { parseJavaMajorVersion, requireJava } from './java';

describe('parseJavaMajorVersion', () => {
  it('reads the major version of modern and legacy `java -version` output', () => {
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('java version "1.8.0_301"')).toBe(8);
    expect(parseJavaMajorVersion('java version "11.0.2" 2019-01-15 LTS')).toBe(11);
  });

  it('is undefined for output it does not recognise', () => {
    expect(parseJavaMajorVersion('command not found')).toBeUndefined();
  });
});

describe('requireJava', () => {
  it('passes with the Java on this machine', () => {
    expect(() => requireJava()).not.toThrow();
  });

  it('fails with one line saying what to install when java is missing', () => {
    expect(() => requireJava('no-such-java-anywhere')).toThrow(LocalRuntimeError);
    try {
      requireJava('no-such-java-anywhere');
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain('apt-get install openjdk-17-jre-headless');
    }
  });

  it('fails when java is older than 17', () => {
    const directory = mkdtempSync(join(tmpdir(), 'inovda-java-'));
    try {
      const fake = join(directory, 'java');
      writeFileSync(fake, '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n');
      chmodSync(fake, 0o755);
      expect(() => requireJava(fake)).toThrow(/Found Java 11, but DynamoDB Local needs Java 17\+; install it with/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
