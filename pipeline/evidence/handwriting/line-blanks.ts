// Blanks found by the recognizer itself: one pass of PP-OCR over a whole header line gives, frame by
// frame, the printed label and the clerk's ink (`Số: 4552/BCA-C04`, `Hà Nội, ngày 9 tháng 10 năm
// 2025`). The full-alphabet best path says which frames are the label `Số:`, the slash, `ngày`,
// `tháng`, `năm`; the frames between them are decoded again on digits only. Pure functions over the
// recognizer's output; no OCR here and no image geometry.
import { foldVietnamese } from '../../util/text.js';
import { TYPE_CODES } from '../parse-header.js';
import type { HandPartKind } from './blank-crops.js';
import { type DigitFrames, foldToDigits } from './ctc-digits.js';
import { numberLabel } from './number-label.js';
import { type LineOutput, lookalikesFor } from './recognizer.js';

/** One character of the best path and the frames it spans (inclusive). */
export interface PathChar {
  char: string;
  t0: number;
  t1: number;
}

/** The most probable class per frame, repeats merged, blanks dropped, each character with its frames. */
export function greedyPath(out: Pick<LineOutput, 'probs' | 'frames' | 'classes' | 'charOf'>): PathChar[] {
  const path: PathChar[] = [];
  let previous = 0;
  for (let t = 0; t < out.frames; t += 1) {
    let best = 0;
    let p = -1;
    for (let c = 0; c < out.classes; c += 1) {
      const v = out.probs[t * out.classes + c] ?? 0;
      if (v > p) {
        p = v;
        best = c;
      }
    }
    if (best !== 0 && best === previous) {
      const last = path[path.length - 1];
      if (last) last.t1 = t;
    } else if (best !== 0) path.push({ char: out.charOf[best] ?? '?', t0: t, t1: t });
    previous = best;
  }
  return path;
}

/** A blank as a range of frames, `from` to `to` inclusive. */
export interface FrameRange {
  kind: HandPartKind;
  from: number;
  to: number;
}

// On the folded, lower-case path text; tolerant to what a Chinese/Latin recognizer makes of Vietnamese.
const DAY = /ng[a-z]?y|nga[a-z]?|gay/u;
const MONTH = /th[a-z]?ng|tha[a-z]?g|thang|hang|than/u;
const YEAR = /n[a-z]?m\s*(?=\d{4})|(?=\d{4}\s*$)/u;

/**
 * The frames of each blank on a line's best path: the numeral between the label `Số:` and the first
 * slash after it (or the first letter of the symbol when the pen hides the slash); the day between
 * `ngày` and `tháng`; the month between `tháng` and `năm`. One frame of slack each side (a digit's
 * edge; the recognizer folds the label's and the slash's own frames to blank).
 */
export function blankFrames(path: PathChar[], frames: number, kinds: readonly HandPartKind[]): FrameRange[] {
  // One folded character per path character (an unknown one is '?'), so indices are shared.
  const text = path.map((c) => (/^\s$/u.test(c.char) ? ' ' : foldVietnamese(c.char).slice(0, 1) || '?')).join('');
  const range = (kind: HandPartKind, leftEnd: number, rightStart: number): FrameRange | null => {
    const from = leftEnd < 0 ? 0 : (path[leftEnd]?.t1 ?? 0) + 1;
    const to = rightStart >= path.length ? frames - 1 : (path[rightStart]?.t0 ?? frames) - 1;
    if (to - from < 1) return null;
    return { kind, from: Math.max(0, from), to: Math.min(frames - 1, to) };
  };
  const out: FrameRange[] = [];
  if (kinds.includes('numeral')) {
    const label = numberLabel(text);
    if (label) {
      const after = label.index + label.length;
      // The symbol's slash: the first one followed by letters, or by a year and a slash (`/2020/QĐ-UBND`);
      // a pen stroke read as `/` is not.
      let slash = -1;
      for (let i = text.indexOf('/', after); i >= 0; i = text.indexOf('/', i + 1)) {
        if (/^\s*(?:\d{4}\s*\/\s*)?[a-z]/u.test(text.slice(i + 1))) {
          slash = i;
          break;
        }
      }
      // Without a slash: the first letter after some digits is the symbol's; with no digit read
      // either, the symbol's first segment before its hyphen (`CTT-UBND`: the pen's `08/` read `C`).
      const afterDigits = slash >= 0 ? -1 : text.slice(after).search(/(?<=\d[^a-z]*)[a-z]/u);
      const symbol = slash >= 0 || afterDigits >= 0 ? afterDigits : symbolSegment(text.slice(after));
      const right = slash >= 0 ? slash : symbol >= 0 ? after + symbol : path.length;
      const r = range('numeral', after - 1, right);
      if (r) out.push(r);
    }
  }
  // `tháng` first; `ngày` is the last match before it (a place name like `Nguyên` can look like it).
  const month = MONTH.exec(text);
  const monthAt = month ? month.index : -1;
  const days = [...text.slice(0, monthAt >= 0 ? monthAt : text.length).matchAll(new RegExp(DAY.source, 'gu'))];
  const day = days[days.length - 1];
  if (kinds.includes('day') && day && month) {
    const r = range('day', day.index + day[0].length - 1, monthAt);
    if (r) out.push(r);
  }
  if (kinds.includes('month') && month) {
    const from = monthAt + month[0].length;
    const year = YEAR.exec(text.slice(from));
    const r = range('month', from - 1, year ? from + year.index : path.length);
    if (r) out.push(r);
  }
  return out;
}

// Decree 30 type codes (folded) and `TT` of a circular, longest first.
const CODES = [...TYPE_CODES, 'TT'].map((c) => foldVietnamese(c)).sort((a, b) => b.length - a.length);

/**
 * Where the symbol starts in the folded text after the label when no slash and no digit were read:
 * the letters before its first hyphen, from the type code that ends them when one does (`zzcqd-ubnd`:
 * `qd`; the clerk's digits read as letters before it stay in the blank), else all of them (an
 * issuer, `ubnd-vhxh`). -1 when there is no hyphen after letters.
 */
export function symbolSegment(text: string): number {
  const match = /[a-z&]+(?=\s*-\s*[a-z])/u.exec(text);
  if (!match) return -1;
  const run = match[0];
  const code = CODES.find((c) => run.length > c.length && run.endsWith(c));
  return match.index + (code ? run.length - code.length : 0);
}

/** The frames of a blank folded to blank + digits (with the look-alike letters of its kind: lookalikesFor). */
export function framesOf(out: LineOutput, range: FrameRange): DigitFrames {
  const start = range.from * out.classes;
  const end = (range.to + 1) * out.classes;
  return foldToDigits(out.probs.subarray(start, end), out.classes, out.digitClass, lookalikesFor(out, range.kind));
}

/**
 * The columns (pixels, `perFrame` pixels a frame) of the printed letters the recognizer read right
 * before and right after a blank's frames on the line's best path: the last letter of the label
 * before it (the `g` of `tháng`) and the first of the one after it (the `n` of `năm`). A digit
 * or a mark read there is not a letter and gives nothing.
 */
export function labelLetters(path: PathChar[], range: FrameRange, perFrame: number): { x0: number; x1: number }[] {
  const before = [...path].reverse().find((c) => c.t1 < range.from);
  const after = path.find((c) => c.t0 > range.to);
  return [before, after]
    .filter((c): c is PathChar => c !== undefined && /^\p{L}$/u.test(c.char))
    .map((c) => ({ x0: c.t0 * perFrame, x1: (c.t1 + 1) * perFrame }));
}
