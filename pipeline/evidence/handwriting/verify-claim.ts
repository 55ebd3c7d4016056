// A handwritten part decided by the ink and what the unit says, never by the claim alone:
// - a claimed value the recognizer's candidates support decides the part (source `ocr+claim`);
// - a claimed value the ink clearly contradicts is a finding (the file is not the document named);
// - a claim with no support in the ink decides nothing: the part stays for a person;
// - without a claim, the ink alone decides only when the recognizer is near certain.
import type { HandPartKind } from './blank-crops.js';
import type { ClaimedValue } from './claimed-values.js';
import type { HandReading } from './read-blank.js';

/**
 * Thresholds on pooled candidate probabilities (0–1), set on the generated corpus with every claim
 * made wrong by one digit (npm run bench:handwriting): a claimed value is supported when its
 * probability reaches `supportFloor` and `supportShare` of the first candidate's. Days and months
 * need half the first's: a one- or two-digit value's neighbours (`7` for `17`) are where the
 * recognizer errs, so a claim there needs the ink to favour it.
 */
export const VERIFY = {
  supportFloor: 0.1,
  supportShare: { numeral: 0.1, day: 0.5, month: 0.5 } as Record<HandPartKind, number>,
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
    .filter(({ p }) => p >= VERIFY.supportFloor && p >= VERIFY.supportShare[kind] * first.probability)
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
  if (first.probability >= VERIFY.aloneFirst && reading.weakestDigit >= VERIFY.aloneDigit) {
    return { outcome: 'ink', kind, value: first.value, confidence: DECIDED_CONFIDENCE.inkAlone, probability: first.probability };
  }
  return { outcome: 'undecided', kind, reason: 'unsure' };
}
