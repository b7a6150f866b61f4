import { describe, expect, it } from 'vitest';
import {
  entrySize,
  eventTime,
  isResultError,
  PutEventsValidationError,
  toEventBridgeEvent,
  validateEntry,
  validatePutEventsRequest,
} from './put-events';

const valid = { Source: 'inovda.submissions', DetailType: 'InnovationRegistered', Detail: '{"a":1}' };

describe('validateEntry', () => {
  it('accepts a complete entry', () => {
    const result = validateEntry({
      ...valid,
      Resources: ['arn:x'],
      EventBusName: 'inovda-kota-solok',
      Time: 1_714_557_600,
    });
    expect(isResultError(result)).toBe(false);
    expect(result).toMatchObject({ source: 'inovda.submissions', detail: { a: 1 }, eventBusName: 'inovda-kota-solok' });
  });

  it('reports what EventBridge reports for a missing field', () => {
    expect(validateEntry({ ...valid, Source: undefined })).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(validateEntry({ ...valid, DetailType: '' })).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(validateEntry({ ...valid, Detail: undefined })).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
    });
  });

  it('refuses a Detail that is not a JSON object', () => {
    for (const Detail of ['not json', '[1,2]', '"text"', '42', 'null']) {
      expect(validateEntry({ ...valid, Detail })).toEqual({
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Detail is malformed.',
      });
    }
  });
});

describe('validatePutEventsRequest', () => {
  it('fails the whole call over 10 entries or over 256 KB', () => {
    expect(() => validatePutEventsRequest(Array.from({ length: 11 }, () => valid))).toThrow(PutEventsValidationError);
    const big = { ...valid, Detail: JSON.stringify({ text: 'x'.repeat(200 * 1024) }) };
    expect(() => validatePutEventsRequest([big])).not.toThrow();
    expect(() =>
      validatePutEventsRequest([big, { ...valid, Detail: JSON.stringify({ text: 'y'.repeat(60 * 1024) }) }]),
    ).toThrow('Total size of the entries in the request is over the limit.');
    expect(() => validatePutEventsRequest([])).toThrow(PutEventsValidationError);
  });
});

describe('entrySize', () => {
  it('counts UTF-8 bytes of Source, DetailType, Detail and resources, and 14 for a Time', () => {
    expect(entrySize({ Source: 'ab', DetailType: 'c', Detail: '{"é":1}', Resources: ['r1'], Time: 1 })).toBe(
      2 + 1 + 8 + 2 + 14,
    );
  });
});

describe('toEventBridgeEvent', () => {
  it('builds the envelope EventBridge delivers, time to the second', () => {
    const entry = validateEntry(valid);
    if (isResultError(entry)) throw new Error('expected a valid entry');
    const event = toEventBridgeEvent(entry, 'id-1', 'ap-southeast-3', new Date('2024-05-01T10:00:00.123Z'));
    expect(event).toEqual({
      version: '0',
      id: 'id-1',
      'detail-type': 'InnovationRegistered',
      source: 'inovda.submissions',
      account: '000000000000',
      time: '2024-05-01T10:00:00Z',
      region: 'ap-southeast-3',
      resources: [],
      detail: { a: 1 },
    });
    expect(eventTime(new Date('2024-01-02T03:04:05.999Z'))).toBe('2024-01-02T03:04:05Z');
  });
});
