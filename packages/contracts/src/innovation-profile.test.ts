import { describe, expect, it } from 'vitest';
import { PROFILE_FIELD_NAMES, profileFields } from './innovation-profile';

describe('the profile field names', () => {
  it('are exactly the fields of the profile, in form order, each once', () => {
    expect(PROFILE_FIELD_NAMES).toEqual(Object.keys(profileFields));
  });
});
