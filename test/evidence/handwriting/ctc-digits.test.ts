import { describe, expect, it } from 'vitest';
import { beamCandidates, bestPath, charScoresOf, type DigitFrames, foldToDigits, labelProbability } from '../../../pipeline/evidence/handwriting/ctc-digits.js';

/** Frames from a script: `-` a sure blank, a digit a sure digit, `[4:0.6,3:0.4]` a split frame. */
function frames(script: string[]): DigitFrames {
  return script.map((step) => {
    const row = new Float64Array(11);
    if (step === '-') row[0] = 1;
    else if (/^\d$/u.test(step)) row[1 + Number(step)] = 1;
    else {
      for (const part of step.slice(1, -1).split(',')) {
        const [k, p] = part.split(':');
        row[k === '-' ? 0 : 1 + Number(k)] = Number(p);
      }
    }
    return row;
  });
}

describe('foldToDigits', () => {
  it('keeps the digit classes and folds every other character (the slash, letters) into the blank', () => {
    // classes: 0 blank, 1 "/", 2 "B", 3..12 digits 0–9
    const digitClass = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const probs = new Float32Array(13 * 2);
    probs[0 * 13 + 7] = 0.9; // "4"
    probs[0 * 13 + 1] = 0.1; // "/"
    probs[1 * 13 + 2] = 1; // "B"
    const [a, b] = foldToDigits(probs, 13, digitClass);
    expect(a?.[1 + 4]).toBeCloseTo(0.9);
    expect(a?.[0]).toBeCloseTo(0.1);
    expect(b?.[0]).toBeCloseTo(1);
  });
});

describe('foldToDigits with look-alike letters', () => {
  it('a pen\'s `1` read as `I` and a full-width `２` count as the digits; other letters stay blank', () => {
    // classes: 0 blank, 1 "I", 2 "y", 3 "２", 4..13 digits 0–9
    const digitClass = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
    const lookalikes = [[], [1], [3], [], [], [], [], [], [], []];
    const probs = new Float32Array(14 * 3);
    probs[0 * 14 + 1] = 0.7; // "I"
    probs[0 * 14 + 5] = 0.2; // "1"
    probs[0 * 14 + 0] = 0.1;
    probs[1 * 14 + 3] = 1; // "２"
    probs[2 * 14 + 2] = 1; // "y"
    const [a, b, c] = foldToDigits(probs, 14, digitClass, lookalikes);
    expect(a?.[1 + 1]).toBeCloseTo(0.9);
    expect(b?.[1 + 2]).toBeCloseTo(1);
    expect(c?.[0]).toBeCloseTo(1);
    expect(bestPath(foldToDigits(probs, 14, digitClass, lookalikes)).digits).toBe('12');
    // Without the look-alikes the `I` is a blank and only the `1`'s 0.2 is left.
    expect(foldToDigits(probs, 14, digitClass)[0]?.[1 + 1]).toBeCloseTo(0.2);
  });
});

describe('bestPath', () => {
  it('`4552`: a doubled digit needs a blank between its two frames', () => {
    expect(bestPath(frames(['4', '-', '5', '5', '-', '5', '2'])).digits).toBe('4552');
    expect(bestPath(frames(['4', '5', '5', '2'])).digits).toBe('452');
  });
  it('gives each digit its best frame score', () => {
    const path = bestPath(frames(['[4:0.6,-:0.4]', '[4:0.9,-:0.1]', '-', '6']));
    expect(path.digits).toBe('46');
    expect(path.charScores[0]).toBeCloseTo(0.9);
  });
});

describe('labelProbability', () => {
  it('sums every alignment of the label', () => {
    // Frame 1: 4 (0.6) or blank (0.4); frame 2: 4 (0.5) or blank (0.5). P("4") = 1 − P(all blank) = 0.8.
    const f = frames(['[4:0.6,-:0.4]', '[4:0.5,-:0.5]']);
    expect(labelProbability(f, '4')).toBeCloseTo(0.8);
    expect(labelProbability(f, '')).toBeCloseTo(0.2);
    expect(labelProbability(f, '44')).toBeCloseTo(0);
  });
  it('over all digit strings the probabilities add up to 1', () => {
    const f = frames(['[1:0.5,7:0.3,-:0.2]', '[9:0.7,-:0.3]', '[7:0.4,5:0.4,-:0.2]']);
    const all = beamCandidates(f, 64, 3).reduce((s, c) => s + c.probability, 0);
    expect(all).toBeCloseTo(1, 5);
  });
  it('rejects a label that is not digits', () => {
    expect(() => labelProbability(frames(['1']), '1a')).toThrow();
  });
});

describe('beamCandidates', () => {
  it('`1975` read `19F5`: the unsure third digit gives the close alternatives, most probable first', () => {
    const f = frames(['1', '-', '9', '-', '[7:0.55,1:0.3,-:0.15]', '-', '5']);
    const candidates = beamCandidates(f, 4);
    expect(candidates.map((c) => c.digits).slice(0, 3)).toEqual(['1975', '1915', '195']);
    expect(candidates[0]?.probability).toBeCloseTo(0.55);
    expect(candidates[0]?.charScores.map((s) => Math.round(s * 100))).toEqual([100, 100, 55, 100]);
  });
  it('drops strings longer than the part can be', () => {
    expect(beamCandidates(frames(['1', '-', '2', '-', '3']), 4, 2).every((c) => c.digits.length <= 2)).toBe(true);
  });
});

describe('charScoresOf', () => {
  it('scores a string that is not the best path along its best alignment', () => {
    const f = frames(['4', '-', '[3:0.8,5:0.2]', '-', '2']);
    expect(charScoresOf(f, '452').map((s) => Math.round(s * 10) / 10)).toEqual([1, 0.2, 1]);
  });
});
