import { describe, expect, it } from 'vitest';
import { decodeFrames, type DigitFrames, encodeFrames, labelProbability } from '../../../pipeline/evidence/handwriting/ctc-digits.js';
import type { ClaimedValue } from '../../../pipeline/evidence/handwriting/claimed-values.js';
import type { HandReading } from '../../../pipeline/evidence/handwriting/read-blank.js';
import { inkLikelihood, neighboursOf, verifyPart } from '../../../pipeline/evidence/handwriting/verify-claim.js';

/**
 * One view's frames from what the pen wrote: per written mark, the recognizer's belief over digits
 * (`{ 7: 0.6, 1: 0.4 }`), each mark followed by blank paper.
 */
function view(marks: Record<number, number>[]): DigitFrames {
  const frames: DigitFrames = [];
  const blank = () => {
    const row = new Float64Array(11);
    row[0] = 1;
    return row;
  };
  frames.push(blank());
  for (const mark of marks) {
    const row = new Float64Array(11);
    let mass = 0;
    for (const [d, p] of Object.entries(mark)) {
      row[1 + Number(d)] = p;
      mass += p;
    }
    row[0] = Math.max(0, 1 - mass);
    frames.push(row, blank());
  }
  return frames;
}
const sure = (digits: string) => [...digits].map((d) => ({ [Number(d)]: 1 }));

/** A reading of a numeral blank: the views' frames, the candidates listed, the ink's marks. */
const numeral = (views: DigitFrames[], candidates: [string, number][], marks = 0, weakestDigit = 0.9): HandReading => ({
  kind: 'numeral', candidates: candidates.map(([value, probability]) => ({ value, probability })), weakestDigit, crops: views.length, frames: views, marks,
});
const says = (value: string, kind: ClaimedValue['kind'] = 'numeral'): ClaimedValue => ({ kind, value, source: 'explanation', text: `Quyết định số ${value}/QĐ-UBND` });

describe('a claim scored on the ink by CTC forced alignment', () => {
  // `1975` in three views; one view hesitates on the 7 (a `1`?), as a pen's open 7 makes it.
  const ink1975 = [view(sure('1975')), view([{ 1: 1 }, { 9: 1 }, { 7: 0.7, 1: 0.3 }, { 5: 1 }]), view(sure('1975'))];

  it('the ink\'s likelihood of a value is its forced-alignment probability averaged over the views', () => {
    const reading = numeral(ink1975, [['1975', 0.9]]);
    expect(inkLikelihood(reading, '1975')).toBeCloseTo((1 + 0.7 + 1) / 3, 6);
    expect(inkLikelihood(reading, '1915')).toBeCloseTo(0.3 / 3, 6);
    expect(inkLikelihood(reading, '1976')).toBe(0);
  });

  it('a claim the ink holds clearly above every value one digit away decides the part', () => {
    const verdict = verifyPart(numeral(ink1975, [['1975', 0.9], ['1915', 0.1]]), [says('1975')], 'numeral');
    expect(verdict).toMatchObject({ outcome: 'supported', value: '1975' });
  });

  it('the claim is scored on the frames, not looked up in the listed candidates: a list that misses it does not hide its support', () => {
    const verdict = verifyPart(numeral(ink1975, [['1975', 0.9]]), [says('1975')], 'numeral');
    expect(verdict.outcome).toBe('supported');
    // The list names only 1975, but the frames give 1915 a tenth: a claim of 1915 is weighed on them and loses to 1975.
    expect(verifyPart(numeral(ink1975, [['1975', 0.9]]), [says('1915')], 'numeral').outcome).not.toBe('supported');
  });

  it('a one-digit-off claim is not supported where the ink says otherwise, even when it is the value a stress test would try', () => {
    const reading = numeral(ink1975, [['1975', 0.9], ['1915', 0.1]]);
    for (const wrong of ['1915', '1976', '975', '19751', '1875']) expect(verifyPart(reading, [says(wrong)], 'numeral').outcome).not.toBe('supported');
  });

  it('a neighbour the list leaves out still counts: 1975 and 1976 nearly alike on the ink decide nothing, though only 1975 is listed', () => {
    const doubtful = [view([{ 1: 1 }, { 9: 1 }, { 7: 1 }, { 5: 0.55, 6: 0.45 }]), view([{ 1: 1 }, { 9: 1 }, { 7: 1 }, { 5: 0.5, 6: 0.5 }])];
    const verdict = verifyPart(numeral(doubtful, [['1975', 0.53]]), [says('1975')], 'numeral');
    expect(verdict.outcome).toBe('undecided');
  });

  it('a value with fewer digits than the ink has marks is not what the ink holds: day 1 claimed on two marks read `1` by a view that lost one', () => {
    const views = [view([{ 1: 1 }]), view([{ 1: 0.9 }, { 1: 0.1, 4: 0.9 }]), view([{ 1: 1 }])];
    const day: HandReading = { kind: 'day', candidates: [{ value: '14', probability: 0.3 }], weakestDigit: 0.9, crops: 3, frames: views, marks: 2 };
    expect(inkLikelihood(day, '1')).toBe(0);
    expect(verifyPart(day, [says('1', 'day')], 'day').outcome).not.toBe('supported');
  });

  it('a claim the ink clearly contradicts is a finding: 932 read for certain, 1975 claimed', () => {
    const reading = numeral([view(sure('932')), view(sure('932')), view(sure('932'))], [['932', 0.99]], 3, 0.95);
    expect(verifyPart(reading, [says('1975')], 'numeral')).toMatchObject({ outcome: 'contradicted', read: '932' });
  });

  it('a contradiction needs three views: two that read 2238 for certain do not make a claim of 2237 a finding', () => {
    const two = numeral([view(sure('2238')), view(sure('2238'))], [['2238', 0.99]], 4, 0.95);
    expect(verifyPart(two, [says('2237')], 'numeral').outcome).toBe('undecided');
    const three = numeral([view(sure('2238')), view(sure('2238')), view(sure('2238'))], [['2238', 0.99]], 4, 0.95);
    expect(verifyPart(three, [says('2237')], 'numeral').outcome).toBe('contradicted');
  });

  it('a claim without support in the ink decides nothing: frames that hold no value firmly', () => {
    const smudge = view([{ 1: 0.2, 7: 0.2, 4: 0.2, 9: 0.2 }, { 3: 0.3, 8: 0.3, 5: 0.3 }]);
    const verdict = verifyPart(numeral([smudge, smudge], [['13', 0.04], ['73', 0.04]], 2, 0.3), [says('13')], 'numeral');
    expect(verdict.outcome).toBe('undecided');
  });
});

describe('neighboursOf: the values one digit away that a wrong claim would be', () => {
  it('changes, drops and adds a digit, keeping only values a part of that kind can take', () => {
    const n = neighboursOf('numeral', '27');
    expect(n).toEqual(expect.arrayContaining(['7', '2', '17', '28', '127', '270', '279']));
    expect(n).not.toContain('27');
    const day = neighboursOf('day', '2');
    expect(day).toEqual(expect.arrayContaining(['12', '22', '3', '29']));
    expect(day).not.toContain('02');
    expect(day.every((d) => Number(d) >= 1 && Number(d) <= 31)).toBe(true);
  });
});

describe('encodeFrames / decodeFrames: the frames a reading keeps in its cache', () => {
  it('keep every string\'s probability within a few per cent and fold runs of empty paper into one frame', () => {
    const frames = view([{ 4: 0.6, 1: 0.3 }, { 5: 0.97 }, { 3: 0.2, 5: 0.7 }, { 2: 0.999 }]);
    const padded = [...frames, ...frames.slice(0, 1), ...frames.slice(0, 1)];
    const stored = encodeFrames(padded);
    expect(stored.length).toBeLessThan(padded.length);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const back = decodeFrames(stored);
    for (const s of ['4532', '1552', '4552', '453']) {
      const before = labelProbability(padded, s);
      expect(labelProbability(back, s)).toBeCloseTo(before, before > 0.1 ? 1 : 2);
    }
  });
  it('a stored frame of the wrong width is refused', () => {
    expect(() => decodeFrames([[0, 99, 99]])).toThrow(/11/u);
  });
});

describe('a claim against the value that writes one of its digits twice (CTC merges a repeated digit)', () => {
  /** A day's ink: frames in a row, each `{ digit: p }`, the rest blank, with blank paper around. */
  const run = (rows: Record<number, number>[]): DigitFrames => {
    const frames = view([]);
    for (const r of rows) frames.push(...view([r]).slice(1, 2));
    frames.push(...view([]));
    return frames;
  };
  const day = (views: DigitFrames[], candidates: [string, number][]): HandReading => ({ ...numeral(views, candidates), kind: 'day' });

  it('`11` written as two strokes with hardly a gap (real-headers h06) reads `1` three times likelier than `11`: a claimed `1` decides nothing', () => {
    // Three frames of 1; the middle one is the gap between the strokes, seen as a gap a quarter of the time.
    const strokes = run([{ 1: 1 }, { 1: 0.75 }, { 1: 1 }]);
    const reading = day([strokes, strokes], [['1', 0.75], ['11', 0.25]]);
    expect(inkLikelihood(reading, '1')).toBeCloseTo(0.75, 6);
    expect(inkLikelihood(reading, '11')).toBeCloseTo(0.25, 6);
    expect(verifyPart(reading, [says('1', 'day')], 'day').outcome).toBe('undecided');
  });

  it('one clear stroke, no gap ever seen: a claimed `1` is supported', () => {
    const stroke = run([{ 1: 1 }, { 1: 1 }, { 1: 1 }]);
    const reading = day([stroke, stroke], [['1', 1]]);
    expect(verifyPart(reading, [says('1', 'day')], 'day')).toMatchObject({ outcome: 'supported', value: '1' });
  });
});
