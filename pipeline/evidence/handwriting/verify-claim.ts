// A handwritten part decided by the ink and what the unit says, never by the claim alone:
// - a claimed value the recognizer's candidates support decides the part (source `ocr+claim`);
// - a claimed value the ink clearly contradicts is a finding (the file is not the document named);
// - a claim with no support in the ink decides nothing: the part stays for a person;
// - without a claim, the ink alone decides a day or month when the recognizer is near certain, never
//   a numeral.
import type { HandPartKind } from './blank-crops.js';
import type { ClaimedValue } from './claimed-values.js';
import type { HandReading } from './read-blank.js';

/**
 * Thresholds on pooled candidate probabilities (0–1), set on the generated corpus and real-headers
 * with every claim made wrong by one digit (npm run bench:handwriting). A claimed value is
 * supported when the ink gives it at least `supportFloor`, at least `supportShare` of the first
 * candidate's probability, and `neighbourRatio` times that of every value one digit away from it
 * (a digit changed, added or dropped: `16` and `6`, `2` and `7`, `2706` and `270`). A wrong claim
 * is nearly always one digit off the truth (another document of the same series, a typing slip),
 * and that is exactly where a recognizer hesitates; so the ink must prefer the claim to its
 * neighbours clearly, not merely allow it.
 */
export const VERIFY = {
  supportFloor: { numeral: 0.2, day: 0.3, month: 0.3 } as Record<HandPartKind, number>,
  supportShare: { numeral: 0.25, day: 0.5, month: 0.5 } as Record<HandPartKind, number>,
  neighbourRatio: 2,
  /** The ink contradicts a claim when its first candidate is this probable… */
  contradictFirst: 0.8,
  /** …every digit of it this sure… */
  contradictDigit: 0.8,
  /** …the claimed value this improbable, and not a digit more or less than what is read. */
  contradictClaim: 0.01,
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

/**
 * The most probable value one digit away from `value` that the ink may hold. Values not listed
 * are at most as probable as the last listed one when the list is full (the reading keeps the
 * most probable), and nothing when it is not.
 */
function likeliestNeighbour(reading: HandReading, value: string): number {
  const listed = reading.candidates.filter((c) => oneDigitApart(c.value, value)).map((c) => c.probability);
  const last = reading.candidates[reading.candidates.length - 1];
  const unlisted = reading.candidates.length >= LISTED_CANDIDATES && last ? last.probability : 0;
  return Math.max(unlisted, ...listed);
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
  const supported = values
    .map((value) => ({ value, p: probabilityOf(reading, value) }))
    .filter(({ value, p }) => p >= VERIFY.supportFloor[kind] && p >= VERIFY.supportShare[kind] * first.probability && p >= VERIFY.neighbourRatio * likeliestNeighbour(reading, value))
    .sort((a, b) => b.p - a.p);
  if (supported.length > 1) return { outcome: 'undecided', kind, reason: 'claims-disagree' };
  const best = supported[0];
  if (best) {
    const claim = own.find((c) => c.value === best.value) as ClaimedValue;
    const isFirst = best.value === first.value;
    return { outcome: 'supported', kind, value: best.value, claim, probability: best.p, first: isFirst, confidence: isFirst ? DECIDED_CONFIDENCE.claimFirst : DECIDED_CONFIDENCE.claimSupported };
  }
  const sure = first.probability >= VERIFY.contradictFirst && reading.weakestDigit >= VERIFY.contradictDigit;
  // A digit dropped or added (`263` for `2639`) is how the recognizer errs, not a different document.
  const apart = (claimed: string) => !claimed.includes(first.value) && !first.value.includes(claimed);
  const contradicted = own.find((c) => sure && apart(c.value) && probabilityOf(reading, c.value) < VERIFY.contradictClaim);
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
