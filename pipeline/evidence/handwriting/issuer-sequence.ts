// Numbers run consecutively per issuer per year (Decree 30/2020/NĐ-CP, art. 15 ¶1: "Số của văn
// bản là số thứ tự văn bản do cơ quan, tổ chức ban hành trong một năm"; numbering restarts at 01 on
// 1 January). So across a batch, one issuer's documents ordered by date have increasing numerals: a
// handwritten numeral that breaks that order is suspect; one that sits between its neighbours fits.

/** One document of the batch as the sequence check sees it. */
export interface SequenceDocument {
  /** Anything that names the document in messages (the evidence path). */
  id: string;
  /** Issuing body (`SNV` of `12/KH-SNV`, `UBND` of `1202/UBND-NV`), compared as given. */
  issuer: string;
  /** `YYYY-MM-DD`. */
  date: string;
  numeral: number;
  /** Read with confidence from print (text layer, stamp, typed numeral): a reference for the others. */
  reference: boolean;
}

export type SequenceVerdict =
  | { fit: 'fits'; before: SequenceDocument | null; after: SequenceDocument | null }
  | { fit: 'breaks'; conflict: SequenceDocument }
  | { fit: 'unknown' };

/**
 * Where `doc` stands in its issuer's sequence for its year, against the reference documents
 * only: it breaks the sequence when a reference dated strictly earlier has a larger numeral, or
 * one dated strictly later a smaller one; it fits when it has a reference neighbour on at least
 * one side and breaks nothing; unknown when its issuer has no other reference that year.
 */
export function sequenceVerdict(doc: SequenceDocument, batch: readonly SequenceDocument[]): SequenceVerdict {
  const year = doc.date.slice(0, 4);
  const peers = batch.filter((d) => d !== doc && d.id !== doc.id && d.reference && d.issuer === doc.issuer && d.date.slice(0, 4) === year);
  if (peers.length === 0) return { fit: 'unknown' };
  const conflict = peers.find((p) => (p.date < doc.date && p.numeral > doc.numeral) || (p.date > doc.date && p.numeral < doc.numeral));
  if (conflict) return { fit: 'breaks', conflict };
  const earlier = peers.filter((p) => p.date <= doc.date && p.numeral < doc.numeral).sort((a, b) => b.numeral - a.numeral)[0] ?? null;
  const later = peers.filter((p) => p.date >= doc.date && p.numeral > doc.numeral).sort((a, b) => a.numeral - b.numeral)[0] ?? null;
  if (!earlier && !later) return { fit: 'unknown' };
  return { fit: 'fits', before: earlier, after: later };
}

/** What a fit in the issuer's sequence adds to a handwritten numeral's confidence, and the most it can reach. */
export const SEQUENCE_FIT_GAIN = 0.05;
export const SEQUENCE_FIT_CEILING = 0.95;

/**
 * Confidence of a handwritten numeral once its place in the sequence is known, and why (Vietnamese):
 * a break drops it to at most 0.6 (a person reads it); a fit between reference numbers raises it by
 * `SEQUENCE_FIT_GAIN`, to at most `SEQUENCE_FIT_CEILING`; unknown leaves it.
 */
export function withSequence(confidence: number, verdict: SequenceVerdict, numeral: string): { confidence: number; note: string | null } {
  if (verdict.fit === 'breaks') {
    const c = verdict.conflict;
    return {
      // Below the 0.8 the rules act on: a person reads it.
      confidence: Math.min(confidence, 0.6),
      note: `số ${numeral} không khớp thứ tự số của cơ quan ban hành (Nghị định 30/2020/NĐ-CP, Điều 15): văn bản ${c.id} ngày ${c.date.split('-').reverse().join('/')} mang số ${c.numeral}`,
    };
  }
  if (verdict.fit === 'fits') {
    const around = [verdict.before ? `sau số ${verdict.before.numeral}` : null, verdict.after ? `trước số ${verdict.after.numeral}` : null].filter(Boolean).join(', ');
    // Support, not proof: a fit raises a decided numeral a little, never above what print earns.
    return { confidence: Math.max(confidence, Math.min(SEQUENCE_FIT_CEILING, confidence + SEQUENCE_FIT_GAIN)), note: `số ${numeral} khớp thứ tự số của cơ quan ban hành (${around})` };
  }
  return { confidence, note: null };
}
