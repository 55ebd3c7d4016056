// A handwritten part decided by the ink and what the unit says, never by the claim alone:
// - a claimed value the ink supports decides the part (source `ocr+claim`): the claim and every value
//   one digit away from it are scored on the recognizer's per-frame output by CTC forced alignment
//   (the full distribution over digits, not only the candidates it listed), and the claim must be
//   clearly likelier than each of them, and far likelier than one that writes a digit of it twice
//   (`11` for a claimed `1`: CTC merges a repeated digit written without a gap);
// - a claimed value the ink clearly contradicts is a finding (the file is not the document named);
// - a claim with no support in the ink decides nothing: the part stays for a person;
// - without a claim, the ink alone decides a day or month when the recognizer is near certain, never
//   a numeral.
import type { HandPartKind } from './blank-crops.js';
import type { ClaimedValue } from './claimed-values.js';
import { labelProbability } from './ctc-digits.js';
import { canonical, type HandReading, plausible } from './read-blank.js';

/**
 * Thresholds on probabilities pooled over the views (0–1), set on the generated corpus and
 * real-headers with every claim made wrong by one digit (npm run bench:handwriting; checked on a
 * corpus of another seed, where looser or stricter values gained nothing: the parts left
 * undecided are those whose ink does not hold the truth clearly above its neighbours). A claimed value is
 * supported when the ink gives it at least `supportFloor`, at least `supportShare` of the first
 * candidate's probability, and `neighbourRatio` times that of every value one digit away from it
 * (a digit changed, added or dropped: `16` and `6`, `2` and `7`, `2706` and `270`). A wrong claim
 * is nearly always one digit off the truth (another document of the same series, a typing slip),
 * and that is exactly where a recognizer hesitates; so the ink must prefer the claim to its
 * neighbours clearly, not merely allow it.
 */
export const VERIFY = {
  /**
   * A month's floor is lower than a day's: its views that read nothing (a single pale digit) weigh
   * its likelihood down, and with every one-digit-off month claimed in turn on three generated
   * corpora (seeds 11, 12, 13: 490 wrong claims) none was taken at 0.15 or even 0.1, while a day's
   * floor under 0.3 took some (seed 11: a day `7` claimed `4`). At 0.15 (from 0.3), months decided
   * with the true claim: seed 11 19 → 21 of 25, seed 12 19 → 21 of 24, seed 13 15 → 16 of 23.
   */
  supportFloor: { numeral: 0.2, day: 0.3, month: 0.15 } as Record<HandPartKind, number>,
  supportShare: { numeral: 0.25, day: 0.5, month: 0.5 } as Record<HandPartKind, number>,
  neighbourRatio: 2,
  /**
   * How much likelier a claim must be than a neighbour that writes one of its digits twice (`1` and
   * `11`, `2` and `22`, `15` and `155`). The recognizer's CTC output merges a repeated digit unless
   * it sees a gap between the two (a blank frame): two pen strokes of `11` written close together
   * read as one `1`, so the ink's preference for the shorter value says little. Set between the
   * wrong claim of real-headers h06 (day `11` in two slanted strokes: a claimed `1` is 2.4 times as
   * likely as `11`, and passed the ratio 2) and the closest true claim on the generated corpus
   * (seed 11: `1861` 9.1 times as likely as `18611`; every other above 20).
   */
  doubledRatio: 5,
  /** The ink contradicts a claim when its first candidate is this probable… */
  contradictFirst: 0.8,
  /** …every digit of it this sure… */
  contradictDigit: 0.8,
  /** …the claimed value this improbable, and not a digit more or less than what is read… */
  contradictClaim: 0.01,
  /**
   * …on at least this many views of the ink. Two views that saw the same misreading (a `2237` read
   * `2238` at 0.8 on both, the others set aside for missing a mark) are not enough to say the file is
   * not the document named; on the generated corpus this costs 4 % of the wrong claims caught.
   */
  contradictViews: 3,
  /** The ink alone decides when its first candidate is this probable and every digit this sure. */
  aloneFirst: 0.97,
  aloneDigit: 0.9,
};

/** Candidates a reading lists at most (read-blank.ts keeps this many). */
export const LISTED_CANDIDATES = 5;

/** Whether two digit strings are one edit apart: one digit changed, added or dropped. */
export function oneDigitApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) return [...a].filter((c, i) => c !== b[i]).length === 1;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i += 1) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** The most digits a part of each kind is written with (read-lines.ts). */
const MAX_DIGITS: Record<HandPartKind, number> = { numeral: 5, day: 2, month: 2 };

/** The fewest digits a value may have, from the ink's separate marks (0 when unknown or more than a part holds). */
function fewestDigits(reading: HandReading): number {
  const marks = reading.marks ?? 0;
  return marks <= MAX_DIGITS[reading.kind] ? marks : 0;
}

/**
 * Every value of the part's kind one digit away from `value` (a digit changed, added or dropped:
 * `1975` → `1915`, `975`, `19755`), in canonical form (days and months without a leading zero).
 */
export function neighboursOf(kind: HandPartKind, value: string): string[] {
  const out = new Set<string>();
  for (let at = 0; at <= value.length; at += 1) {
    if (at < value.length) out.add(value.slice(0, at) + value.slice(at + 1));
    for (let d = 0; d < 10; d += 1) {
      out.add(value.slice(0, at) + String(d) + value.slice(at));
      if (at < value.length) out.add(value.slice(0, at) + String(d) + value.slice(at + 1));
    }
  }
  const self = canonical(kind, value);
  return [...new Set([...out].filter((w) => plausible(kind, w)).map((w) => canonical(kind, w)))].filter((w) => w !== self);
}

/**
 * The values one digit away from `value` that write one of its digits twice in a row (`1` → `11`,
 * `15` → `115`, `155`), canonical and plausible for the part's kind: those a recognizer's CTC
 * output confuses with `value` when the pen leaves no gap between the two.
 */
export function doubledNeighboursOf(kind: HandPartKind, value: string): string[] {
  const self = canonical(kind, value);
  const out = new Set<string>();
  for (let at = 0; at < value.length; at += 1) {
    const w = value.slice(0, at + 1) + value[at] + value.slice(at + 1);
    if (plausible(kind, w)) out.add(canonical(kind, w));
  }
  out.delete(self);
  return [...out];
}

/**
 * The ink's likelihood of `value` (0–1): its CTC forced-alignment probability under each view's
 * per-frame digit probabilities (the full distribution, not only the candidates listed), summed
 * over its spellings (a day `2` written `2` or `02`) that have at least as many digits as the ink
 * has marks, and averaged over the views, as the candidates are pooled (read-blank.ts). Null when
 * the reading kept no frames (a reading cached before they were kept).
 */
export function inkLikelihood(reading: HandReading, value: string): number | null {
  const frames = reading.frames;
  if (!frames || frames.length === 0) return null;
  const fewest = fewestDigits(reading);
  const v = canonical(reading.kind, value);
  const spellings = (reading.kind === 'numeral' || v.length > 1 ? [v] : [v, `0${v}`]).filter((s) => s.length >= fewest);
  if (spellings.length === 0) return 0;
  let sum = 0;
  for (const view of frames) for (const s of spellings) sum += labelProbability(view, s);
  return Math.min(1, sum / frames.length);
}

/**
 * The probability of `value` and of the likeliest value one digit away from it that the ink may
 * hold (0–1 each). With the reading's frames both are exact forced-alignment likelihoods (inkLikelihood);
 * a neighbour with fewer digits than the ink's marks is not one the ink may hold. Without frames,
 * from the listed candidates: a value not listed is at most as probable as the last listed one
 * when the list is full (the reading keeps the most probable), and nothing when it is not.
 */
export function claimAndNeighbour(reading: HandReading, value: string): { p: number; neighbour: number; doubled: number } {
  const doubles = new Set(doubledNeighboursOf(reading.kind, value));
  const exact = inkLikelihood(reading, value);
  if (exact !== null) {
    const fewest = fewestDigits(reading);
    const neighbours = neighboursOf(reading.kind, value)
      .filter((w) => (reading.kind === 'numeral' ? w.length : 2) >= fewest)
      .map((w) => ({ w, p: inkLikelihood(reading, w) ?? 0 }));
    return { p: exact, neighbour: Math.max(0, ...neighbours.map((n) => n.p)), doubled: Math.max(0, ...neighbours.filter((n) => doubles.has(n.w)).map((n) => n.p)) };
  }
  const listed = reading.candidates.filter((c) => oneDigitApart(c.value, value));
  const last = reading.candidates[reading.candidates.length - 1];
  const unlisted = reading.candidates.length >= LISTED_CANDIDATES && last ? last.probability : 0;
  return {
    p: probabilityOf(reading, value),
    neighbour: Math.max(unlisted, ...listed.map((c) => c.probability)),
    doubled: Math.max(doubles.size > 0 ? unlisted : 0, ...listed.filter((c) => doubles.has(c.value)).map((c) => c.probability)),
  };
}

/** Confidence given to a decided part, by how it was decided (calibrated on the generated corpus). */
export const DECIDED_CONFIDENCE = { claimFirst: 0.95, claimSupported: 0.85, inkAlone: 0.85 } as const;

export type PartVerdict =
  | { outcome: 'supported'; kind: HandPartKind; value: string; confidence: number; claim: ClaimedValue; probability: number; first: boolean }
  | { outcome: 'ink'; kind: HandPartKind; value: string; confidence: number; probability: number }
  | { outcome: 'contradicted'; kind: HandPartKind; read: string; probability: number; claim: ClaimedValue }
  | { outcome: 'undecided'; kind: HandPartKind; reason: 'no-ink' | 'no-support' | 'unsure' | 'claims-disagree' };

/** The pooled probability the ink gives `value` (0 when it is not among the candidates). */
function probabilityOf(reading: HandReading, value: string): number {
  return reading.candidates.find((c) => c.value === value)?.probability ?? 0;
}

/**
 * Decides one handwritten part from the recognizer's reading and the unit's claims for that part.
 * Claims of another kind are ignored. Two claimed values that are both supported decide nothing.
 */
export function verifyPart(reading: HandReading | null, claims: readonly ClaimedValue[], kind: HandPartKind): PartVerdict {
  if (!reading || reading.candidates.length === 0) return { outcome: 'undecided', kind, reason: 'no-ink' };
  const first = reading.candidates[0] as { value: string; probability: number };
  const own = claims.filter((c) => c.kind === kind);
  const values = [...new Set(own.map((c) => c.value))];
  const scored = values.map((value) => ({ value, ...claimAndNeighbour(reading, value) }));
  const supported = scored
    .filter(({ p, neighbour, doubled }) => p >= VERIFY.supportFloor[kind] && p >= VERIFY.supportShare[kind] * first.probability
      && p >= VERIFY.neighbourRatio * neighbour && p >= VERIFY.doubledRatio * doubled)
    .sort((a, b) => b.p - a.p);
  if (supported.length > 1) return { outcome: 'undecided', kind, reason: 'claims-disagree' };
  const best = supported[0];
  if (best) {
    const claim = own.find((c) => c.value === best.value) as ClaimedValue;
    const isFirst = best.value === first.value;
    return { outcome: 'supported', kind, value: best.value, claim, probability: best.p, first: isFirst, confidence: isFirst ? DECIDED_CONFIDENCE.claimFirst : DECIDED_CONFIDENCE.claimSupported };
  }
  const sure = first.probability >= VERIFY.contradictFirst && reading.weakestDigit >= VERIFY.contradictDigit && reading.crops >= VERIFY.contradictViews;
  // A digit dropped or added (`263` for `2639`) is how the recognizer errs, not a different document.
  const apart = (claimed: string) => !claimed.includes(first.value) && !first.value.includes(claimed);
  const likelihood = (value: string) => scored.find((x) => x.value === value)?.p ?? 0;
  const contradicted = own.find((c) => sure && apart(c.value) && likelihood(c.value) < VERIFY.contradictClaim);
  if (contradicted) return { outcome: 'contradicted', kind, read: first.value, probability: first.probability, claim: contradicted };
  if (own.length > 0) return { outcome: 'undecided', kind, reason: 'no-support' };
  // Never a numeral from the ink alone: its blank ends at the printed slash, which the pen often
  // touches; a last digit joined to it is cut off with the slash and the rest read with full
  // confidence (`731/` read 73 at 0.99 on the generated set). A day or month sits between words.
  if (kind !== 'numeral' && first.probability >= VERIFY.aloneFirst && reading.weakestDigit >= VERIFY.aloneDigit) {
    return { outcome: 'ink', kind, value: first.value, confidence: DECIDED_CONFIDENCE.inkAlone, probability: first.probability };
  }
  return { outcome: 'undecided', kind, reason: 'unsure' };
}
