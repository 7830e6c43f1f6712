import { describe, expect, it } from 'vitest';
import { humanDate } from './human-date.js';

describe('humanDate', () => {
  it('names the day in words, in UTC, cut to the minute', () => {
    expect(humanDate(new Date('2027-12-01T21:44:09.502Z'))).toBe('1 December 2027, 21:44 UTC');
    expect(humanDate(new Date('2028-02-29T00:05:59.999Z'))).toBe('29 February 2028, 00:05 UTC');
    // Late in the evening in the Americas is already the next day in UTC: the message says the UTC day.
    expect(humanDate(new Date('2027-03-01T02:00:00-08:00'))).toBe('1 March 2027, 10:00 UTC');
  });
});
