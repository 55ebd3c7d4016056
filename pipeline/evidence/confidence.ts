// How far to trust a value, 0–1, from where it was read and what had to be repaired to read it.
// Rules can send anything under their threshold to a person instead of scoring on it.
import type { ExtractionSource } from '../model.js';
import type { Repair } from './parse-header.js';

const REPAIR_FACTOR: Record<Repair, number> = {
  hyphen: 0.9,
  lookalike: 0.95,
  'ocr-digit': 0.8,
  'ocr-type-code': 0.9,
  'ocr-slash': 0.7,
  // A date without its place may be a body citation or a stamp's: never decided on its own.
  'no-place': 0.7,
  'invalid-date': 0.3,
  'incomplete-symbol': 0.5,
};

/**
 * `text`: what the text layer says is what is printed (1). `annotation`: an overlay's own text
 * (0.97). `ocr`: Tesseract's lowest character confidence over the value, rescaled so that its
 * typical 0.95+ on clean print gives about 0.95 and 0.75 gives about 0.5.
 */
export function fieldConfidence(origin: ExtractionSource, ocrConfidence: number, repairs: readonly Repair[]): number {
  const base = origin === 'text' ? 1 : origin === 'annotation' ? 0.97 : Math.min(0.97, Math.max(0, (ocrConfidence - 0.5) / 0.47));
  const factor = repairs.reduce((f, r) => f * REPAIR_FACTOR[r], 1);
  return Math.round(base * factor * 100) / 100;
}
