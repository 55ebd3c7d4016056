// What the rounds' change report says about a report row changed after a deadline (round-plan.ts
// `rowChanges`): a self-score that is not a number ("một") is compared as the unit wrote it.
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../pipeline/model.js';
import { rowChanges } from '../../pipeline/rounds/round-plan.js';

const row = (over: Partial<Claim> = {}): Claim => ({ criterion: '1.1', self: 1, notApplicable: false, evidenceFiles: ['KH.pdf'], explanation: '', row: 5, ...over });
const words = (text: string): Claim => row({ self: null, selfUnclear: true, selfText: text });

describe('rowChanges', () => {
  it('names a changed numeric self-score with both values', () => {
    expect(rowChanges(row({ self: 1 }), row({ self: 1.5 }))).toBe('điểm tự đánh giá 1 → 1,5');
  });

  it('sees a self-score written in words changed to other words', () => {
    expect(rowChanges(words('một'), words('hai'))).toBe('điểm tự đánh giá "một" → "hai"');
  });

  it('sees words replaced by a number, and a blank cell filled with words', () => {
    expect(rowChanges(words('một'), row({ self: 1 }))).toBe('điểm tự đánh giá "một" → 1');
    expect(rowChanges(row({ self: null }), words('hai'))).toBe('điểm tự đánh giá (trống) → "hai"');
  });

  it('reports no change for the same words', () => {
    expect(rowChanges(words('một'), words('một'))).toBe('');
  });

  it('does not compare the text of a row kept before the text was recorded (unclear, no text)', () => {
    expect(rowChanges(row({ self: null, selfUnclear: true }), words('hai'))).toBe('');
  });
});
