import { describe, expect, it } from 'vitest';
import type { DigitFrames } from '../../../pipeline/evidence/handwriting/ctc-digits.js';
import { poolCandidates } from '../../../pipeline/evidence/handwriting/read-blank.js';

/** Frames from a script: `-` a sure blank, `[2:0.3,-:0.7]` a split frame. */
function frames(script: string[]): DigitFrames {
  return script.map((step) => {
    const row = new Float64Array(11);
    if (step === '-') row[0] = 1;
    else if (/^\d$/u.test(step)) row[1 + Number(step)] = 1;
    else for (const part of step.slice(1, -1).split(',')) {
      const [k, p] = part.split(':');
      row[k === '-' ? 0 : 1 + Number(k)] = Number(p);
    }
    return row;
  });
}

describe('poolCandidates: the values the ink of one blank may hold', () => {
  // The recognizer hesitates over a faint leading 2: `7` first, `27` second.
  const faintTwo = [frames(['[2:0.3,-:0.7]', '-', '7', '-']), frames(['[2:0.2,-:0.8]', '7', '-'])];

  it('`27` with a faint 2: the recognizer prefers 7', () => {
    expect(poolCandidates('day', faintTwo).candidates[0]?.value).toBe('7');
  });
  it('the ink shows two separate marks: one-digit spellings are dropped, 27 comes first', () => {
    const reading = poolCandidates('day', faintTwo, 2);
    expect(reading.candidates.map((c) => c.value)).not.toContain('7');
    expect(reading.candidates[0]?.value).toBe('27');
  });
  it('`07` is two digits: a day of 7 written with its leading zero survives two marks', () => {
    expect(poolCandidates('day', [frames(['0', '-', '7'])], 2).candidates[0]?.value).toBe('7');
  });
  it('four marks: a crop that reads three digits (the last cut off at the slash) speaks for no value', () => {
    const whole = frames(['1', '-', '7', '-', '8', '-', '6']);
    const cut = frames(['1', '-', '7', '-', '8', '-']);
    const reading = poolCandidates('numeral', [cut, cut, whole], 4);
    expect(reading.candidates[0]).toEqual({ value: '1786', probability: 1 });
    expect(reading.crops).toBe(1);
    // Every crop cut short: all of them are kept, and the shorter spellings dropped as before.
    expect(poolCandidates('numeral', [cut, cut], 4).crops).toBe(2);
  });
  it('one mark: a crop that reads nothing still counts (its doubt is not discarded)', () => {
    const reading = poolCandidates('day', [frames(['-', '7', '-']), frames(['-', '-', '-'])], 1);
    expect(reading.candidates[0]).toEqual({ value: '7', probability: 0.5 });
  });
  it('a probability is the mean over the crops: a value one crop alone favours is discounted', () => {
    const pooled = poolCandidates('numeral', [frames(['4', '6']), frames(['4', '-', '8'])]);
    expect(pooled.candidates.slice(0, 2).map((c) => [c.value, c.probability])).toEqual([['46', 0.5], ['48', 0.5]]);
  });
});
