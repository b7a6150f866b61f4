import { describe, expect, it } from 'vitest';
import { parseJavaMajorVersion } from './java';

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
