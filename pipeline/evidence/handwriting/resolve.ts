// Handwritten parts decided once what the unit says is known (after reading, where the report's
// claims meet the evidence): the second recognizer's candidates checked against the claims
// (verify-claim.ts), the flat fields of the reading recomputed, and across the batch each issuer's
// numbering checked (issuer-sequence.ts). Pure functions: an Extraction in, a new one out.
import path from 'node:path';
import type { Extraction, ExtractionParts, FieldPart } from '../../model.js';
import { issuerBody } from '../../rules/cited-documents.js';
import { flatFromParts, partSources } from '../field-parts.js';
import type { PdfReading } from '../reading.js';
import type { HandPartKind } from './blank-crops.js';
import { type ClaimSource, claimedValues, type UnitStatements } from './claimed-values.js';
import { type SequenceDocument, sequenceVerdict, withSequence } from './issuer-sequence.js';
import { decodeFrames } from './ctc-digits.js';
import type { HandReading } from './read-blank.js';
import { verifyPart } from './verify-claim.js';

const LABEL: Record<HandPartKind, string> = { numeral: 'số', day: 'ngày', month: 'tháng' };
const SAID_IN: Record<ClaimSource, string> = {
  explanation: 'giải trình của đơn vị',
  listed: 'tên tài liệu kiểm chứng đơn vị kê trong báo cáo',
  'file-name': 'tên tệp của đơn vị',
};

/** No statements: what `cchc extract` checks against (the file's own name only). */
export const NOTHING_SAID: UnitStatements = { explanation: '', listed: [] };

/**
 * Decides the handwritten parts of one reading that carry the second recognizer's candidates:
 * a supported claim makes the part `read` with source `ocr+claim` and a note quoting where the
 * claim was made ("số 1975 viết tay, khớp với giải trình của đơn vị"); near-certain ink with no
 * claim makes it `read` with source `ocr`; a contradicted or unsupported claim leaves it
 * `handwritten` with the check recorded (`claimCheck`). The flat fields follow the parts.
 */
export function resolveHandwriting(extraction: Extraction, said: UnitStatements): Extraction {
  const parts = extraction.parts;
  if (!parts || !(['numeral', 'day', 'month'] as const).some((k) => parts[k].handwriting)) return extraction;
  const claims = claimedValues({
    fileName: path.basename(extraction.file),
    symbol: parts.symbol.status === 'read' ? (parts.symbol.value ?? null) : null,
    month: parts.month.status === 'read' ? (parts.month.value ?? null) : null,
    year: parts.year.status === 'read' ? (parts.year.value ?? null) : null,
  }, said);
  const next: ExtractionParts = { ...parts };
  for (const kind of ['numeral', 'day', 'month'] as const) {
    const part = parts[kind] as FieldPart;
    const hand = part.handwriting;
    if (!hand || part.status === 'read' || part.status === 'blank') continue;
    const verdict = verifyPart(handReadingOf(kind, hand), claims, kind);
    const { claimCheck: _, ...plain } = part;
    let decided: FieldPart = plain;
    if (verdict.outcome === 'supported') {
      const reason = `${LABEL[kind]} ${verdict.value} viết tay, khớp với ${SAID_IN[verdict.claim.source]}`;
      decided = { ...plain, status: 'read', value: valueOf(kind, verdict.value), confidence: verdict.confidence, source: 'ocr+claim', note: reason, claimCheck: { outcome: 'supported', claimed: verdict.claim.value, source: verdict.claim.source, reason } };
    } else if (verdict.outcome === 'ink') {
      decided = { ...plain, status: 'read', value: valueOf(kind, verdict.value), confidence: verdict.confidence, source: 'ocr', note: `${LABEL[kind]} ${verdict.value} viết tay, đọc bằng bộ nhận dạng chữ viết tay` };
    } else if (verdict.outcome === 'contradicted') {
      const reason = `${LABEL[kind]} viết tay đọc được là ${verdict.read}, khác với ${LABEL[kind]} ${verdict.claim.value} theo ${SAID_IN[verdict.claim.source]}`;
      decided = { ...plain, status: 'handwritten', note: reason, claimCheck: { outcome: 'contradicted', claimed: verdict.claim.value, source: verdict.claim.source, reason } };
    } else {
      const claim = claims.find((c) => c.kind === kind);
      if (claim) {
        const reason = `${LABEL[kind]} viết tay chưa đọc chắc chắn; ${LABEL[kind]} ${claim.value} theo ${SAID_IN[claim.source]} không được chữ viết tay xác nhận`;
        decided = { ...plain, status: 'handwritten', note: reason, claimCheck: { outcome: 'unsupported', claimed: claim.value, source: claim.source, reason } };
      }
    }
    next[kind] = decided as never;
  }
  return withParts(extraction, next);
}

/** What the second recognizer saw in a part, as a reading again: its candidates, and its frames decoded from their stored form. Throws on a malformed stored frame. */
export function handReadingOf(kind: HandPartKind, hand: NonNullable<FieldPart['handwriting']>): HandReading {
  return {
    kind,
    candidates: hand.candidates,
    weakestDigit: hand.weakestDigit,
    crops: hand.views,
    ...(hand.frames ? { frames: hand.frames.map(decodeFrames) } : {}),
    ...(hand.marks !== undefined ? { marks: hand.marks } : {}),
  };
}

function valueOf(kind: HandPartKind, digits: string): string | number {
  return kind === 'numeral' ? digits : Number(digits);
}

/** The reading with new parts and the flat fields derived from them. */
export function withParts<T extends PdfReading>(extraction: T, parts: ExtractionParts): T {
  const flat = flatFromParts(parts);
  const out: T = { ...extraction, parts, blankNumber: flat.blankNumber, numberConfidence: flat.numberConfidence, blankDate: flat.blankDate, dateConfidence: flat.dateConfidence, date: flat.date };
  if (flat.numberRead) {
    // A part left handwritten keeps OCR's reading as its guess, stated at the part's low confidence.
    const numeral = String(parts.numeral.value ?? parts.numeral.guess);
    out.numeral = numeral;
    out.number = `${numeral}/${parts.symbol.value ?? parts.symbol.guess}`;
  } else {
    out.number = null;
    out.numeral = null;
  }
  out.confidence = Math.min(out.numberConfidence, out.dateConfidence);
  const origins = partSources(parts);
  out.source = origins.includes('ocr+claim') ? 'ocr+claim' : origins.includes('ocr') ? 'ocr' : origins.includes('annotation') ? 'annotation' : origins.length > 0 ? 'text' : null;
  return out;
}

/** A numeral decided from handwriting (the second recognizer), as opposed to print. */
function fromHandwriting(e: Extraction): boolean {
  return e.parts?.numeral.status === 'read' && e.parts.numeral.handwriting !== undefined;
}

/**
 * Checks every handwritten numeral of the batch against its issuer's numbering for the year
 * (Decree 30/2020, art. 15): printed numerals read with confidence are the references; a
 * handwritten one that breaks the order drops below 0.8 (a person reads it) and says why; one that
 * fits says between which numbers. Normative documents (a year in the number) run their own sequence.
 */
export function checkIssuerSequences(extractions: readonly Extraction[]): Extraction[] {
  const doc = (e: Extraction): SequenceDocument | null => {
    const numeral = e.numeral && /^\d+$/u.test(e.numeral) ? Number(e.numeral) : null;
    if (numeral === null || !e.date || !e.issuerCode) return null;
    return { id: e.number ?? e.file, issuer: `${issuerBody(e.issuerCode)}${e.year ? '/QPPL' : ''}`, date: e.date, numeral, reference: !fromHandwriting(e) && e.numberConfidence >= 0.8 };
  };
  const docs = extractions.map(doc);
  const batch = docs.filter((d): d is SequenceDocument => d !== null);
  return extractions.map((e, i) => {
    const d = docs[i];
    if (!d || !fromHandwriting(e) || !e.parts) return e;
    const verdict = sequenceVerdict(d, batch);
    const numeral = e.parts.numeral;
    const adjusted = withSequence(numeral.confidence, verdict, String(numeral.value));
    if (!adjusted.note) return e;
    const note = [numeral.note, adjusted.note].filter(Boolean).join('; ');
    return withParts(e, { ...e.parts, numeral: { ...numeral, confidence: adjusted.confidence, note } });
  });
}
