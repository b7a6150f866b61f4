import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  flattenEvent,
  InvalidEventPatternError,
  matchesEventPattern,
  testEventPattern,
  validateEventPattern,
  wildcardMatches,
} from './index';

/** An EventBridge envelope around `detail`, as the bus delivers it. */
function event(detail: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '1',
    'detail-type': 'Order Placed',
    source: 'inovda.orders',
    account: '123456789012',
    time: '2024-05-01T10:00:00Z',
    region: 'ap-southeast-3',
    resources: [],
    detail,
    ...extra,
  };
}

/** Whether `state` in `detail` satisfies the value list `values`. */
function stateMatches(state: unknown, values: unknown[]): boolean {
  return testEventPattern(event({ state }), { detail: { state: values } });
}

describe('exact values', () => {
  it('matches strings, numbers, booleans and null, any listed alternative', () => {
    expect(stateMatches('running', ['stopped', 'running'])).toBe(true);
    expect(stateMatches(42, [42])).toBe(true);
    expect(stateMatches(true, [true])).toBe(true);
    expect(stateMatches(null, [null])).toBe(true);
    expect(stateMatches('', [''])).toBe(true);
  });

  it('does not match other values or other types', () => {
    expect(stateMatches('pending', ['stopped', 'running'])).toBe(false);
    expect(stateMatches('42', [42])).toBe(false);
    expect(stateMatches(42, ['42'])).toBe(false);
    expect(stateMatches(false, [true])).toBe(false);
    expect(stateMatches('', [null])).toBe(false);
    expect(stateMatches(null, [''])).toBe(false);
    expect(stateMatches('Running', ['running'])).toBe(false);
  });

  it('compares numbers by value however the JSON writes them', () => {
    expect(testEventPattern('{"detail": {"n": 300}}', '{"detail": {"n": [3.0e2]}}')).toBe(true);
    expect(testEventPattern('{"detail": {"n": 301}}', '{"detail": {"n": [3.0e2]}}')).toBe(false);
  });

  it('requires every named field (AND) and reaches into nested objects', () => {
    const pattern = {
      source: ['inovda.orders'],
      detail: { order: { status: ['paid'] } },
    };
    expect(testEventPattern(event({ order: { status: 'paid' } }), pattern)).toBe(true);
    expect(testEventPattern(event({ order: { status: 'open' } }), pattern)).toBe(false);
    expect(testEventPattern(event({ status: 'paid' }), pattern)).toBe(false);
  });

  it('matches an event array when any element matches', () => {
    const pattern = { resources: ['arn:b', 'arn:c'] };
    expect(testEventPattern(event({}, { resources: ['arn:a', 'arn:c'] }), pattern)).toBe(true);
    expect(testEventPattern(event({}, { resources: ['arn:a'] }), pattern)).toBe(false);
    expect(testEventPattern(event({}, { resources: [] }), { resources: [null] })).toBe(false);
  });

  it('crushes arrays of objects into their parent field', () => {
    const pattern = { detail: { items: { sku: ['B'] } } };
    expect(testEventPattern(event({ items: [{ sku: 'A' }, { sku: 'B' }] }), pattern)).toBe(true);
    expect(testEventPattern(event({ items: [{ sku: 'A' }, [{ sku: 'C' }]] }), pattern)).toBe(false);
  });

  it('joins field names with dots, as Event Ruler does', () => {
    expect(testEventPattern(event({ 'a.b': 'x' }), { detail: { a: { b: ['x'] } } })).toBe(true);
    expect(testEventPattern(event({ a: { b: 'x' } }), { detail: { 'a.b': ['x'] } })).toBe(true);
    expect(
      testEventPattern(event({ a: { b: 'x' } }), {
        detail: { 'a.b': { c: ['x'] } },
      }),
    ).toBe(false);
  });

  it('does not parse JSON held in a string field', () => {
    expect(testEventPattern(event('{"state": "x"}'), { detail: { state: ['x'] } })).toBe(false);
  });

  it('treats an IP-address literal as the address, not its spelling', () => {
    expect(stateMatches('2001:0db8:0:0:0:0:0:1', ['2001:db8::1'])).toBe(true);
    expect(stateMatches('10.0.0.1', ['10.0.0.1'])).toBe(true);
    expect(stateMatches('10.0.0.2', ['10.0.0.1'])).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('matches string values by their start or end', () => {
    expect(stateMatches('us-east-1', [{ prefix: 'us-' }])).toBe(true);
    expect(stateMatches('eu-west-1', [{ prefix: 'us-' }])).toBe(false);
    expect(stateMatches('image.png', [{ suffix: '.png' }])).toBe(true);
    expect(stateMatches('image.PNG', [{ suffix: '.png' }])).toBe(false);
  });

  it('ignores case with the equals-ignore-case form', () => {
    expect(stateMatches('EvEnTbridge', [{ prefix: { 'equals-ignore-case': 'eventB' } }])).toBe(true);
    expect(stateMatches('Events', [{ prefix: { 'equals-ignore-case': 'eventB' } }])).toBe(false);
    expect(stateMatches('image.PNG', [{ suffix: { 'equals-ignore-case': '.png' } }])).toBe(true);
    expect(stateMatches('image.jpg', [{ suffix: { 'equals-ignore-case': '.png' } }])).toBe(false);
  });

  it('never matches non-string values', () => {
    expect(stateMatches(123, [{ prefix: '1' }])).toBe(false);
    expect(stateMatches(null, [{ prefix: '' }])).toBe(false);
    expect(stateMatches(true, [{ suffix: 'e' }])).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  it('matches strings regardless of case, and only strings', () => {
    expect(stateMatches('ALICE', [{ 'equals-ignore-case': 'alice' }])).toBe(true);
    expect(stateMatches('', [{ 'equals-ignore-case': '' }])).toBe(true);
    expect(stateMatches('alicia', [{ 'equals-ignore-case': 'alice' }])).toBe(false);
    expect(stateMatches(null, [{ 'equals-ignore-case': 'null' }])).toBe(false);
  });
});

describe('wildcard', () => {
  it('lets * stand for any run of characters, including none and slashes', () => {
    expect(stateMatches('dir/a/b/file.png', [{ wildcard: 'dir/*.png' }])).toBe(true);
    expect(stateMatches('dir/.png', [{ wildcard: 'dir/*.png' }])).toBe(true);
    expect(stateMatches('dir/file.jpg', [{ wildcard: 'dir/*.png' }])).toBe(false);
    expect(stateMatches('anything', [{ wildcard: '*' }])).toBe(true);
    expect(stateMatches('abc', [{ wildcard: 'abc' }])).toBe(true);
    expect(stateMatches('abcd', [{ wildcard: 'abc' }])).toBe(false);
  });

  it('needs the whole value to match, not just a part', () => {
    expect(stateMatches('/Users/me/dir/notdoc.txt', [{ wildcard: '/Users/*/doc.txt' }])).toBe(false);
    expect(stateMatches('aXa', [{ wildcard: 'a*a*a' }])).toBe(false);
    expect(stateMatches('aXaYa', [{ wildcard: 'a*a*a' }])).toBe(true);
  });

  it('escapes a literal star as \\* and a backslash as \\\\', () => {
    expect(stateMatches('a*b', [{ wildcard: 'a\\*b' }])).toBe(true);
    expect(stateMatches('aXb', [{ wildcard: 'a\\*b' }])).toBe(false);
    expect(stateMatches('a\\b', [{ wildcard: 'a\\\\b' }])).toBe(true);
  });

  it('never matches non-string values', () => {
    expect(stateMatches(12, [{ wildcard: '*' }])).toBe(false);
  });
});

describe('anything-but', () => {
  it('excludes a single string or number', () => {
    expect(stateMatches('pending', [{ 'anything-but': 'initializing' }])).toBe(true);
    expect(stateMatches('initializing', [{ 'anything-but': 'initializing' }])).toBe(false);
    expect(stateMatches(7, [{ 'anything-but': 0 }])).toBe(true);
    expect(stateMatches(0, [{ 'anything-but': 0 }])).toBe(false);
  });

  it('excludes a list of strings or of numbers', () => {
    expect(stateMatches('pending', [{ 'anything-but': ['stopped', 'overloaded'] }])).toBe(true);
    expect(stateMatches('stopped', [{ 'anything-but': ['stopped', 'overloaded'] }])).toBe(false);
    expect(stateMatches(999, [{ 'anything-but': [100, 200] }])).toBe(true);
    expect(stateMatches(200, [{ 'anything-but': [100, 200] }])).toBe(false);
  });

  it('lets values of another type through, including null', () => {
    expect(stateMatches(null, [{ 'anything-but': 'stopped' }])).toBe(true);
    expect(stateMatches(101, [{ 'anything-but': '101' }])).toBe(true);
    expect(stateMatches('100', [{ 'anything-but': [100] }])).toBe(true);
  });

  it('never matches a missing field', () => {
    expect(
      testEventPattern(event({}), {
        detail: { state: [{ 'anything-but': 'stopped' }] },
      }),
    ).toBe(false);
  });

  it('matches an array holding any value outside the exclusion', () => {
    expect(stateMatches(['stopped', 'pending'], [{ 'anything-but': 'stopped' }])).toBe(true);
    expect(stateMatches(['stopped'], [{ 'anything-but': 'stopped' }])).toBe(false);
  });

  it('excludes by prefix and suffix, one or several', () => {
    expect(stateMatches('post-init', [{ 'anything-but': { prefix: 'init' } }])).toBe(true);
    expect(stateMatches('init-1', [{ 'anything-but': { prefix: 'init' } }])).toBe(false);
    expect(stateMatches('test-1', [{ 'anything-but': { prefix: ['init', 'test'] } }])).toBe(false);
    expect(stateMatches(12, [{ 'anything-but': { prefix: 'init' } }])).toBe(true);
    expect(stateMatches('file.txt.bak', [{ 'anything-but': { suffix: '.txt' } }])).toBe(true);
    expect(stateMatches('file.jpg', [{ 'anything-but': { suffix: ['.txt', '.jpg'] } }])).toBe(false);
  });

  it('excludes ignoring case', () => {
    expect(stateMatches('pending', [{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }])).toBe(true);
    expect(stateMatches('STOPPED', [{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }])).toBe(false);
    expect(stateMatches('Stopped', [{ 'anything-but': { 'equals-ignore-case': ['x', 'stopped'] } }])).toBe(false);
  });

  it('excludes by wildcard', () => {
    expect(stateMatches('dir/init/file', [{ 'anything-but': { wildcard: '*/dir/*' } }])).toBe(true);
    expect(stateMatches('dir/init/file', [{ 'anything-but': { wildcard: ['*/x/*', '*/init/*'] } }])).toBe(false);
    expect(stateMatches(123, [{ 'anything-but': { wildcard: '*' } }])).toBe(true);
  });
});

describe('numeric', () => {
  it('applies a single comparison', () => {
    expect(stateMatches(5, [{ numeric: ['<', 10] }])).toBe(true);
    expect(stateMatches(10, [{ numeric: ['<', 10] }])).toBe(false);
    expect(stateMatches(10, [{ numeric: ['<=', 10] }])).toBe(true);
    expect(stateMatches(10, [{ numeric: ['>', 10] }])).toBe(false);
    expect(stateMatches(10, [{ numeric: ['>=', 10] }])).toBe(true);
    expect(stateMatches(301.8, [{ numeric: ['=', 301.8] }])).toBe(true);
    expect(stateMatches(301.9, [{ numeric: ['=', 301.8] }])).toBe(false);
  });

  it('applies a range', () => {
    expect(stateMatches(5, [{ numeric: ['>', 0, '<=', 5] }])).toBe(true);
    expect(stateMatches(0, [{ numeric: ['>', 0, '<=', 5] }])).toBe(false);
    expect(stateMatches(5.000001, [{ numeric: ['>', 0, '<=', 5] }])).toBe(false);
  });

  it('compares equal numbers written differently as equal', () => {
    expect(testEventPattern('{"n": 300}', '{"n": [{"numeric": ["=", 3.0e2]}]}')).toBe(true);
  });

  it('only matches JSON numbers Event Ruler can compare', () => {
    expect(stateMatches('5', [{ numeric: ['>', 0] }])).toBe(false);
    expect(stateMatches(null, [{ numeric: ['>', 0] }])).toBe(false);
    expect(stateMatches(6e9, [{ numeric: ['>', 0] }])).toBe(false);
    expect(stateMatches(0.0000001, [{ numeric: ['>', 0] }])).toBe(false);
  });
});

describe('exists', () => {
  it('exists: true matches any leaf value, null included', () => {
    expect(stateMatches('x', [{ exists: true }])).toBe(true);
    expect(stateMatches(null, [{ exists: true }])).toBe(true);
    expect(testEventPattern(event({}), { detail: { state: [{ exists: true }] } })).toBe(false);
  });

  it('exists: false matches a missing field', () => {
    expect(testEventPattern(event({}), { detail: { state: [{ exists: false }] } })).toBe(true);
    expect(testEventPattern({ source: 'x' }, { detail: { state: [{ exists: false }] } })).toBe(true);
    expect(stateMatches('x', [{ exists: false }])).toBe(false);
    expect(stateMatches(null, [{ exists: false }])).toBe(false);
  });

  it('looks at leaves only: an object or an empty array is not a value', () => {
    expect(stateMatches({ inner: 1 }, [{ exists: true }])).toBe(false);
    expect(stateMatches({ inner: 1 }, [{ exists: false }])).toBe(true);
    expect(stateMatches([], [{ exists: true }])).toBe(false);
    expect(stateMatches([], [{ exists: false }])).toBe(true);
  });

  it('sees a field inside any element of an array of objects', () => {
    const detail = { items: [{ sku: 'A' }, { id: 'x' }] };
    expect(
      testEventPattern(event(detail), {
        detail: { items: { id: [{ exists: true }] } },
      }),
    ).toBe(true);
    expect(
      testEventPattern(event(detail), {
        detail: { items: { id: [{ exists: false }] } },
      }),
    ).toBe(false);
    expect(
      testEventPattern(event(detail), {
        detail: { items: { gone: [{ exists: false }] } },
      }),
    ).toBe(true);
  });

  it('combines with other alternatives for "missing or not X"', () => {
    const values = [{ 'anything-but': ['roses'] }, { exists: false }];
    expect(testEventPattern(event({}), { detail: { state: values } })).toBe(true);
    expect(stateMatches('tulips', values)).toBe(true);
    expect(stateMatches('roses', values)).toBe(false);
  });
});

describe('cidr', () => {
  it('matches IPv4 addresses inside the block', () => {
    expect(stateMatches('10.0.0.255', [{ cidr: '10.0.0.0/24' }])).toBe(true);
    expect(stateMatches('10.0.0.0', [{ cidr: '10.0.0.0/24' }])).toBe(true);
    expect(stateMatches('10.0.1.0', [{ cidr: '10.0.0.0/24' }])).toBe(false);
    expect(stateMatches('10.0.0.7', [{ cidr: '10.0.0.5/24' }])).toBe(true);
  });

  it('matches IPv6 addresses however they are written', () => {
    expect(stateMatches('2001:0db8:1234:1a00:0000:0000:0000:0001', [{ cidr: '2001:db8:1234:1a00::/64' }])).toBe(true);
    expect(stateMatches('2001:db8:1234:1a01::', [{ cidr: '2001:db8:1234:1a00::/64' }])).toBe(false);
  });

  it('never matches other families, non-addresses or non-strings', () => {
    expect(stateMatches('::1', [{ cidr: '0.0.0.0/0' }])).toBe(false);
    expect(stateMatches('10.0.0.256', [{ cidr: '10.0.0.0/8' }])).toBe(false);
    expect(stateMatches('not an ip', [{ cidr: '10.0.0.0/8' }])).toBe(false);
    expect(stateMatches(10, [{ cidr: '10.0.0.0/8' }])).toBe(false);
  });
});

describe('$or', () => {
  const pattern = {
    source: ['inovda.orders'],
    detail: {
      $or: [{ total: [{ numeric: ['>', 100] }] }, { priority: [true] }],
    },
  };

  it('matches when any alternative matches, alongside the other fields', () => {
    expect(testEventPattern(event({ total: 150 }), pattern)).toBe(true);
    expect(testEventPattern(event({ total: 5, priority: true }), pattern)).toBe(true);
    expect(testEventPattern(event({ total: 5, priority: false }), pattern)).toBe(false);
    expect(testEventPattern(event({ total: 150 }, { source: 'other' }), pattern)).toBe(false);
  });

  it('nests', () => {
    const nested = {
      $or: [
        { source: ['a'] },
        {
          detail: { kind: ['x'] },
          $or: [{ region: ['r1'] }, { account: ['1'] }],
        },
      ],
    };
    expect(testEventPattern({ source: 'a' }, nested)).toBe(true);
    expect(testEventPattern({ source: 'b', detail: { kind: 'x' }, account: '1' }, nested)).toBe(true);
    expect(testEventPattern({ source: 'b', detail: { kind: 'x' }, account: '2' }, nested)).toBe(false);
  });
});

describe('invalid patterns', () => {
  const invalid: [string, unknown][] = [
    ['a pattern that is not an object', ['source']],
    ['null', null],
    ['JSON text that does not parse', '{"source": '],
    ['an empty pattern', {}],
    ['an empty nested object', { detail: {} }],
    ['a leaf that is not an array', { source: 'aws.ec2' }],
    ['an empty value list', { source: [] }],
    ['a nested array as a value', { source: [['a']] }],
    ['an empty match expression', { source: [{}] }],
    ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }],
    ['an unknown operator', { source: [{ contains: 'a' }] }],
    ['an operator in the wrong case', { source: [{ EXISTS: true }] }],
    ['a non-string prefix', { source: [{ prefix: 1 }] }],
    ['a list of prefixes', { source: [{ prefix: ['a'] }] }],
    ['prefix with another nested operator', { source: [{ prefix: { suffix: 'a' } }] }],
    ['a list for suffix', { source: [{ suffix: ['.png'] }] }],
    ['a list for equals-ignore-case', { source: [{ 'equals-ignore-case': ['a'] }] }],
    ['an object for equals-ignore-case', { source: [{ 'equals-ignore-case': { prefix: 'a' } }] }],
    ['a non-boolean exists', { source: [{ exists: 'true' }] }],
    ['numeric that is not an array', { n: [{ numeric: 10 }] }],
    ['an empty numeric', { n: [{ numeric: [] }] }],
    ['an unknown numeric operator', { n: [{ numeric: ['!=', 1] }] }],
    ['a non-numeric numeric operand', { n: [{ numeric: ['>', '1'] }] }],
    ['two lower bounds', { n: [{ numeric: ['>', 0, '>', 0] }] }],
    ['an upper bound first', { n: [{ numeric: ['<', 10, '>', 0] }] }],
    ['equality with a second term', { n: [{ numeric: ['=', 1, '<', 2] }] }],
    ['a range whose bottom is not below its top', { n: [{ numeric: ['>=', 5, '<=', 5] }] }],
    ['too many numeric terms', { n: [{ numeric: ['>', 0, '<', 5, 6] }] }],
    ['a numeric operand beyond 5e9', { n: [{ numeric: ['>', 5e9 + 1] }] }],
    ['a numeric operand with 7 decimals', { n: [{ numeric: ['>', 0.0000001] }] }],
    ['anything-but null', { s: [{ 'anything-but': null }] }],
    ['anything-but true', { s: [{ 'anything-but': true }] }],
    ['anything-but list with null', { s: [{ 'anything-but': ['a', null] }] }],
    ['anything-but mixed list', { s: [{ 'anything-but': ['a', 1] }] }],
    ['anything-but empty list', { s: [{ 'anything-but': [] }] }],
    ['anything-but unknown nested operator', { s: [{ 'anything-but': { numeric: ['>', 1] } }] }],
    ['anything-but prefix number', { s: [{ 'anything-but': { prefix: 1 } }] }],
    ['anything-but empty prefix', { s: [{ 'anything-but': { prefix: '' } }] }],
    ['anything-but suffix ignoring case', { s: [{ 'anything-but': { suffix: { 'equals-ignore-case': 'a' } } }] }],
    ['anything-but suffix list with null', { s: [{ 'anything-but': { suffix: [null, '.txt'] } }] }],
    ['anything-but equals-ignore-case number', { s: [{ 'anything-but': { 'equals-ignore-case': 1 } }] }],
    ['anything-but wildcard number', { s: [{ 'anything-but': { wildcard: 123 } }] }],
    ['anything-but wildcard with **', { s: [{ 'anything-but': { wildcard: 'a**' } }] }],
    ['a non-string wildcard', { s: [{ wildcard: ['a*'] }] }],
    ['consecutive wildcards', { s: [{ wildcard: 'a**b' }] }],
    ['a backslash escaping a plain character', { s: [{ wildcard: 'a\\b' }] }],
    ['a trailing backslash', { s: [{ wildcard: 'a\\' }] }],
    ['a wildcard too complex to evaluate', { s: [{ wildcard: '*:*:*:*:*:event-bus/*' }] }],
    ['a non-string cidr', { ip: [{ cidr: ['10.0.0.0/8'] }] }],
    ['a cidr without a mask', { ip: [{ cidr: '10.0.0.0' }] }],
    ['a cidr with a non-integer mask', { ip: [{ cidr: 'bad-/64filter' }] }],
    ['a cidr with a negative mask', { ip: [{ cidr: '10.0.0.0/-1' }] }],
    ['a /32 cidr', { ip: [{ cidr: '10.0.0.1/32' }] }],
    ['a /128 cidr', { ip: [{ cidr: '::1/128' }] }],
    ['a cidr that is not an address', { ip: [{ cidr: 'example.com/8' }] }],
    ['$or that is not an array', { $or: { a: ['x'] } }],
    ['$or with one alternative', { $or: [{ a: ['x'] }] }],
    ['$or with a non-object alternative', { $or: [{ a: ['x'] }, ['b']] }],
    ['$or naming a reserved field', { $or: [{ prefix: ['x'] }, { a: ['y'] }] }],
  ];

  it.each(invalid)('rejects %s', (_name, pattern) => {
    expect(() => validateEventPattern(pattern)).toThrow(InvalidEventPatternError);
    expect(() => testEventPattern(event({}), pattern)).toThrow(InvalidEventPatternError);
  });

  it('explains the rejection the way AWS does', () => {
    expect(() => validateEventPattern({ source: 'aws.ec2' })).toThrow(
      'Event pattern is not valid. Reason: "source" must be an object or an array',
    );
  });

  it('accepts every documented operator form', () => {
    const pattern = {
      source: ['a', 1, true, null, { prefix: 'a' }, { suffix: { 'equals-ignore-case': 'B' } }],
      detail: {
        a: [{ 'anything-but': 1 }, { 'anything-but': ['x', 'y'] }, { 'anything-but': { prefix: ['p', 'q'] } }],
        b: [{ 'anything-but': { wildcard: '*/lib/*' } }, { 'anything-but': { 'equals-ignore-case': ['z'] } }],
        c: [{ numeric: ['>=', -5e9, '<', 5e9] }, { numeric: ['=', 0.000001] }, { exists: false }],
        d: [{ cidr: '::/0' }, { cidr: '10.0.0.0/31' }, { wildcard: 'a\\*b\\\\c*' }, { 'equals-ignore-case': '' }],
        $or: [{ e: ['1'] }, { f: { g: ['2'] } }],
      },
    };
    expect(() => validateEventPattern(pattern)).not.toThrow();
    expect(() => validateEventPattern(JSON.stringify(pattern))).not.toThrow();
    expect(() =>
      validateEventPattern({
        s: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }],
      }),
    ).not.toThrow();
  });
});

describe('compiled patterns', () => {
  it('match many events without recompiling', () => {
    const compiled = compileEventPattern({
      detail: { state: [{ prefix: 'run' }] },
    });
    expect(matchesEventPattern(compiled, flattenEvent(event({ state: 'running' })))).toBe(true);
    expect(matchesEventPattern(compiled, flattenEvent(event({ state: 'stopped' })))).toBe(false);
  });
});

describe('properties', () => {
  const text = fc.string({ maxLength: 12 });

  it('{"prefix": p} matches exactly the strings that start with p', () => {
    fc.assert(
      fc.property(text, text, (prefix, value) => {
        expect(stateMatches(value, [{ prefix }])).toBe(value.startsWith(prefix));
        expect(stateMatches(prefix + value, [{ prefix }])).toBe(true);
      }),
    );
  });

  it('{"suffix": s} matches exactly the strings that end with s', () => {
    fc.assert(
      fc.property(text, text, (suffix, value) => {
        expect(stateMatches(value, [{ suffix }])).toBe(value.endsWith(suffix));
        expect(stateMatches(value + suffix, [{ suffix }])).toBe(true);
      }),
    );
  });

  it('anything-but of a list never matches a listed value and matches any other string', () => {
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 1, maxLength: 5 }), text, (listed, other) => {
        for (const value of listed) expect(stateMatches(value, [{ 'anything-but': listed }])).toBe(false);
        expect(stateMatches(other, [{ 'anything-but': listed }])).toBe(!listed.includes(other));
      }),
    );
  });

  it('every JSON scalar matches itself as an exact value', () => {
    const scalar = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(scalar, (value) => {
        expect(stateMatches(value, [value])).toBe(true);
      }),
    );
  });

  it('a numeric range agrees with plain comparison', () => {
    const int = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(int, int, int, (a, b, x) => {
        fc.pre(a < b);
        expect(stateMatches(x, [{ numeric: ['>=', a, '<', b] }])).toBe(a <= x && x < b);
      }),
    );
  });

  it('wildcard matching agrees with an equivalent regular expression', () => {
    // A two-letter alphabet makes overlapping literals (the hard case for a greedy matcher) common.
    const small = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(small, { minLength: 1, maxLength: 4 }),
        fc.string({ unit: fc.constantFrom('a', 'b') }),
        (segments, value) => {
          const regex = new RegExp(
            `^${segments.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`,
            's',
          );
          expect(wildcardMatches(segments, value)).toBe(regex.test(value));
        },
      ),
    );
  });
});
