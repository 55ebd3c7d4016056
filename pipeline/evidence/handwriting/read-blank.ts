// A blank read by the second recognizer: the candidates of every crop of it decoded on digits, pooled
// over the crops with their exact probabilities, and the values a part of that kind can take kept.
import type { HandPartKind } from './blank-crops.js';
import { beamCandidates, bestPath, charScoresOf, type DigitFrames, labelProbability } from './ctc-digits.js';

/** A value the ink may hold, with its probability pooled over the crops (0–1). */
export interface HandCandidate {
  value: string;
  probability: number;
}

/** What the second recognizer saw in one blank. */
export interface HandReading {
  kind: HandPartKind;
  /** Most probable first; at most five. Day and month values are given without a leading zero. */
  candidates: HandCandidate[];
  /** Lowest per-digit score of the first candidate over the crops (0–1). */
  weakestDigit: number;
  /** Crops read. */
  crops: number;
  /**
   * The per-frame digit probabilities of the crops the candidates were pooled over (ctc-digits.ts),
   * so that any value (a claim, each of its neighbours) can be scored on the ink itself by CTC
   * forced alignment, not only the listed candidates. Absent on readings cached before it was kept.
   */
  frames?: DigitFrames[];
  /** Separate marks the clerk's ink makes in the blank (the fewest digits a value may have); 0 when unknown. */
  marks?: number;
}

/** Digits a part of each kind can hold (Decree 30/2020: numerals are Arabic digits; days and months as written). */
export function plausible(kind: HandPartKind, digits: string): boolean {
  if (!/^\d+$/u.test(digits)) return false;
  const n = Number(digits);
  if (kind === 'day') return digits.length <= 2 && n >= 1 && n <= 31;
  if (kind === 'month') return digits.length <= 2 && n >= 1 && n <= 12;
  return digits.length <= 5 && n > 0;
}

/** A value's canonical form: days and months as numbers (`02` and `2` are the same day); numerals as written. */
export function canonical(kind: HandPartKind, digits: string): string {
  return kind === 'numeral' ? digits : String(Number(digits));
}

/**
 * Pools the candidates of several crops of one blank: each string's probability is its mean
 * exact (CTC forward) probability over all crops, so a value only one crop favours is
 * discounted; implausible values are dropped and day/month spellings (`02`, `2`) merged.
 * Spellings of fewer than `minDigits` digits are dropped: the ink shows that many separate marks
 * (a recognizer merges a doubled `22` into `2` and loses a thin leading `1`; the ink does not);
 * with two marks or more, so are the crops whose best reading is that short, unless every crop's is.
 */
export function poolCandidates(kind: HandPartKind, all: DigitFrames[], minDigits = 0): HandReading {
  // A view that reads fewer digits than the ink has marks (two at least) missed some of the ink
  // (cut at the slash, a pale stroke lost): it speaks for no value, and the views that saw all of it
  // decide. A view that reads nothing of a single mark is a doubt, and stays one.
  const whole = minDigits >= 2 ? all.filter((frames) => bestPath(frames).digits.length >= minDigits) : all;
  const crops = whole.length > 0 ? whole : all;
  const strings = new Set<string>();
  for (const frames of crops) for (const c of beamCandidates(frames, 6, kind === 'numeral' ? 6 : 3)) strings.add(c.digits);
  const pooled = new Map<string, number>();
  for (const digits of strings) {
    if (!plausible(kind, digits) || digits.length < minDigits) continue;
    const p = crops.reduce((sum, frames) => sum + labelProbability(frames, digits), 0) / Math.max(1, crops.length);
    const key = canonical(kind, digits);
    pooled.set(key, (pooled.get(key) ?? 0) + p);
  }
  const candidates = [...pooled.entries()]
    .map(([value, probability]) => ({ value, probability: Math.min(1, probability) }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, 5);
  const first = candidates[0];
  let weakestDigit = 0;
  if (first) {
    weakestDigit = 1;
    for (const frames of crops) {
      // The first candidate as the crop best spells it (`2` or `02` for a day).
      const spellings = [...strings].filter((s) => plausible(kind, s) && s.length >= minDigits && canonical(kind, s) === first.value);
      const best = spellings.map((s) => ({ s, p: labelProbability(frames, s) })).sort((a, b) => b.p - a.p)[0];
      const scores = best ? charScoresOf(frames, best.s) : [0];
      weakestDigit = Math.min(weakestDigit, ...scores);
    }
  }
  return { kind, candidates, weakestDigit, crops: crops.length, frames: crops, marks: minDigits };
}
