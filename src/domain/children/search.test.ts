import { describe, expect, it } from 'vitest';
import { dobClose, identifierKey, MAX_NAME_TOKENS, nameTokens } from './search.js';

describe('reading a search', () => {
  it('splits a name as the database does, dropping anything that cannot be part of a name', () => {
    expect(nameTokens("Mary-Jane O'Neil")).toEqual(['mary', 'jane', 'o', 'neil']);
    expect(nameTokens('  ZOË  d’Arcy ')).toEqual(['zoë', 'd', 'arcy']);
    expect(nameTokens('%_ 123 \\')).toEqual([]);
    expect(nameTokens('a b c d e f')).toHaveLength(MAX_NAME_TOKENS);
  });

  it('compares identifiers without spaces or punctuation, in capitals', () => {
    expect(identifierKey('943 476 5919')).toBe('9434765919');
    expect(identifierKey('a123-456/789')).toBe('A123456789');
  });
});

describe('a possible duplicate’s date of birth', () => {
  const given = '2014-03-04';
  it('is close when the same, with day and month swapped, one part written wrongly, or within a month', () => {
    expect(dobClose('2014-03-04', given)).toBe(true);
    expect(dobClose('2014-04-03', given)).toBe(true);
    expect(dobClose('2014-03-24', given)).toBe(true);
    expect(dobClose('2014-11-04', given)).toBe(true);
    expect(dobClose('2014-02-04', given)).toBe(true);
    expect(dobClose('2014-04-04', given)).toBe(true);
    expect(dobClose(null, given)).toBe(true);
  });
  it('is not close a month and more away in another month, or in another year', () => {
    expect(dobClose('2014-04-05', given)).toBe(false);
    expect(dobClose('2013-03-04', given)).toBe(false);
    expect(dobClose('2014-01-20', given)).toBe(false);
  });
});
