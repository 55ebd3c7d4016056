// Positioned text (text-layer items, annotation texts, OCR words) put back into lines, and the lines
// into the two columns of a Decree 30 header, so the header parser reads `Số: …` and the place-date
// line as they are printed even when extraction merged the columns or broke a line.
import type { ExtractionSource } from '../model.js';

/** A piece of text on the page, in points (or pixels for OCR) from the top-left corner. */
export interface Piece {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  origin: ExtractionSource;
  /** 0–1; 1 for text layers and annotations. */
  confidence: number;
  /** Per character (OCR symbols), when known; same length as `text`. */
  charConfidence?: number[];
  /** Per character (OCR symbols), their boxes [x0, y0, x1, y1] in the same coordinates, when known. */
  charBoxes?: [number, number, number, number][];
  /** Laid over the text layer like an annotation's text (OCR of a picture stamped at signing). */
  overlay?: boolean;
  /**
   * OCR of a colour rendering: the share (0–1) of the word's ink pixels that are coloured (blue,
   * violet, red) rather than black: pen or stamp ink in a black-printed header.
   */
  colour?: number;
}

/** A run of pieces on one line with no column gap between them. */
export interface Segment {
  pieces: Piece[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Line {
  segments: Segment[];
  y0: number;
  y1: number;
}

/**
 * Group pieces into lines by vertical overlap, then split each line where a gap wide enough to
 * separate columns opens. Annotation pieces that fall inside a text piece's blank are inserted
 * into the blank (`Số:      /SGDĐT` + `125` → `Số: 125 /SGDĐT`).
 */
export function buildLines(pieces: Piece[], split: number): Line[] {
  const isOverlay = (p: Piece) => p.origin === 'annotation' || p.overlay === true;
  const text = pieces.filter((p) => !isOverlay(p) && p.text.trim() !== '');
  const overlays = pieces.filter((p) => isOverlay(p) && p.text.trim() !== '');
  const lines: { pieces: Piece[]; y0: number; y1: number }[] = [];
  const sorted = [...text].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  for (const piece of sorted) {
    const line = lines.find((l) => overlap(l, piece) >= 0.5);
    if (line) {
      line.pieces.push(piece);
      line.y0 = Math.min(line.y0, piece.y0);
      line.y1 = Math.max(line.y1, piece.y1);
    } else lines.push({ pieces: [piece], y0: piece.y0, y1: piece.y1 });
  }
  for (const overlay of overlays) {
    const line = lines.find((l) => overlap(l, overlay) >= 0.4);
    if (line) {
      line.pieces = insertOverlay(line.pieces, overlay);
      line.y0 = Math.min(line.y0, overlay.y0);
      line.y1 = Math.max(line.y1, overlay.y1);
    } else lines.push({ pieces: [overlay], y0: overlay.y0, y1: overlay.y1 });
  }
  lines.sort((a, b) => a.y0 - b.y0);
  return lines.map((l) => ({ segments: splitSegments(l.pieces, split), y0: l.y0, y1: l.y1 }));
}

/** Lines as OCR grouped them (OCR follows skewed lines better than a y-overlap would). */
export function linesFromGroups(groups: Piece[][], split: number): Line[] {
  return groups
    .filter((g) => g.length > 0)
    .map((g) => {
      const pieces = [...g].sort((a, b) => a.x0 - b.x0);
      return { segments: splitSegments(pieces, split), y0: Math.min(...pieces.map((p) => p.y0)), y1: Math.max(...pieces.map((p) => p.y1)) };
    })
    .sort((a, b) => a.y0 - b.y0);
}

function overlap(band: { y0: number; y1: number }, piece: Piece): number {
  const shared = Math.min(band.y1, piece.y1) - Math.max(band.y0, piece.y0);
  const smaller = Math.min(band.y1 - band.y0, piece.y1 - piece.y0);
  return smaller > 0 ? shared / smaller : 0;
}

/** Put an overlay into the blank of the text piece it covers, or beside the pieces it sits between. */
function insertOverlay(pieces: Piece[], overlay: Piece): Piece[] {
  const centre = (overlay.x0 + overlay.x1) / 2;
  const host = pieces.find((p) => p.x0 < centre && centre < p.x1);
  if (!host) return [...pieces, overlay].sort((a, b) => a.x0 - b.x0);
  const blanks = [...host.text.matchAll(/\s+/gu)];
  if (blanks.length === 0) return [...pieces, overlay].sort((a, b) => a.x0 - b.x0);
  const perChar = (host.x1 - host.x0) / Math.max(host.text.length, 1);
  const at = (centre - host.x0) / perChar;
  const blank = blanks.reduce((best, b) => {
    const mid = b.index + b[0].length / 2;
    const bestMid = best.index + best[0].length / 2;
    return Math.abs(mid - at) < Math.abs(bestMid - at) ? b : best;
  });
  const before = host.text.slice(0, blank.index);
  const after = host.text.slice(blank.index + blank[0].length);
  const left: Piece = { ...host, text: before, x1: host.x0 + before.length * perChar };
  const right: Piece = { ...host, text: after, x0: host.x1 - after.length * perChar };
  const placed: Piece = { ...overlay, x0: Math.max(overlay.x0, left.x1), x1: Math.min(overlay.x1, right.x0) };
  if (placed.x1 <= placed.x0) placed.x1 = placed.x0 + 0.01;
  return [...pieces.filter((p) => p !== host), left, placed, right].filter((p) => p.text !== '').sort((a, b) => a.x0 - b.x0);
}

/**
 * Split a line into segments at gaps that separate the header's columns: a wide gap across the
 * column boundary `split`, or a very wide one anywhere (a blank left for a number stays inside).
 */
function splitSegments(pieces: Piece[], split: number): Segment[] {
  const sorted = [...pieces].sort((a, b) => a.x0 - b.x0);
  const segments: Segment[] = [];
  for (const piece of sorted) {
    const last = segments[segments.length - 1];
    const height = piece.y1 - piece.y0;
    const gap = last ? piece.x0 - last.x1 : 0;
    const acrossColumns = last !== undefined && last.x1 <= split * 1.02 && piece.x0 >= split * 0.9;
    if (last && gap < (acrossColumns ? Math.max(2 * height, 1) : Math.max(8 * height, 1))) {
      last.pieces.push(piece);
      last.x1 = Math.max(last.x1, piece.x1);
      last.y0 = Math.min(last.y0, piece.y0);
      last.y1 = Math.max(last.y1, piece.y1);
    } else segments.push({ pieces: [piece], x0: piece.x0, x1: piece.x1, y0: piece.y0, y1: piece.y1 });
  }
  return segments;
}

/** Text with, for every character, the piece it came from (null for joining spaces and breaks) and its index there. */
export interface MappedText {
  text: string;
  owners: (Piece | null)[];
  offsets: number[];
}

/**
 * The header as text for the parser: segments of the left column top to bottom, then those of the
 * right column, then any that span both (columns merged by extraction), so a date broken over two
 * lines of the right column reads as one. `split` is the x that separates the columns.
 */
export function columnText(lines: Line[], split: number): MappedText {
  const left: Segment[] = [];
  const right: Segment[] = [];
  const spanning: Segment[] = [];
  for (const line of lines) {
    for (const segment of line.segments) {
      if (segment.x1 <= split + 0.02 * split) left.push(segment);
      else if (segment.x0 >= split - 0.1 * split) right.push(segment);
      else spanning.push(segment);
    }
  }
  const out: MappedText = { text: '', owners: [], offsets: [] };
  const columns = [left, right, spanning].filter((c) => c.length > 0);
  columns.forEach((column, c) => {
    if (c > 0) append(out, '\n\n', null);
    column.forEach((segment, s) => {
      if (s > 0) append(out, '\n', null);
      appendSegment(out, segment);
    });
  });
  return out;
}

/** Every line in reading order, segments joined by a wide space. */
export function plainText(lines: Line[]): MappedText {
  const out: MappedText = { text: '', owners: [], offsets: [] };
  lines.forEach((line, l) => {
    if (l > 0) append(out, '\n', null);
    line.segments.forEach((segment, s) => {
      if (s > 0) append(out, '   ', null);
      appendSegment(out, segment);
    });
  });
  return out;
}

function appendSegment(out: MappedText, segment: Segment): void {
  segment.pieces.forEach((piece, k) => {
    const previous = segment.pieces[k - 1];
    if (previous) {
      const gap = piece.x0 - previous.x1;
      const needsSpace = gap > 0.12 * (piece.y1 - piece.y0) || piece.origin !== previous.origin;
      if (needsSpace && !/\s$/u.test(out.text) && !/^\s/u.test(piece.text)) append(out, ' ', null);
    }
    append(out, piece.text, piece);
  });
}

function append(out: MappedText, text: string, owner: Piece | null): void {
  out.text += text;
  for (let i = 0; i < text.length; i += 1) {
    out.owners.push(owner);
    out.offsets.push(i);
  }
}

/** The pieces behind characters [start, end) of a mapped text. */
export function piecesIn(mapped: MappedText, start: number, end: number): Piece[] {
  const found = new Set<Piece>();
  for (let i = start; i < end; i += 1) {
    const owner = mapped.owners[i];
    if (owner && mapped.text.charAt(i).trim() !== '') found.add(owner);
  }
  return [...found];
}

/** The boxes of the characters [start, end) OCR gave one for, with the character. */
export function charBoxesIn(mapped: MappedText, start: number, end: number): { char: string; box: [number, number, number, number] }[] {
  const out: { char: string; box: [number, number, number, number] }[] = [];
  for (let i = start; i < end; i += 1) {
    const box = mapped.owners[i]?.charBoxes?.[mapped.offsets[i] ?? -1];
    if (box) out.push({ char: mapped.text.charAt(i), box });
  }
  return out;
}

/** The lowest confidence of the characters [start, end): per character where OCR gave it, else per piece. */
export function confidenceIn(mapped: MappedText, start: number, end: number): number {
  let lowest = 1;
  let any = false;
  for (let i = start; i < end; i += 1) {
    const owner = mapped.owners[i];
    if (!owner || mapped.text.charAt(i).trim() === '') continue;
    any = true;
    const value = owner.charConfidence?.[mapped.offsets[i] ?? -1] ?? owner.confidence;
    if (value < lowest) lowest = value;
  }
  return any ? lowest : 0;
}
