// The second recognizer's pass over page 1: each header line that holds a handwritten part (the
// number line, the place-date line) is rendered and read whole by the recognizer, which finds the
// printed labels (`Số:`, the slash, `ngày`, `tháng`, `năm`); the ink between them is read on
// digits, on the line and cut out on its own.
import type { GreyImage, Region } from '../pdf-page.js';
import { blankCrops, cropImage, type HandPartKind } from './blank-crops.js';
import { besideLetters, clerkStrokes, edgeJoins, inkColumns, inkCrop, type InkCropView, inkMarks, spacedMarks } from './ink-crop.js';
import type { DigitFrames } from './ctc-digits.js';
import { blankFrames, framesOf, greedyPath, labelLetters } from './line-blanks.js';
import { penView } from './pen-ink.js';
import { slashFreeView } from './printed-slash.js';
import { type HandReading, poolCandidates } from './read-blank.js';
import type { LineOutput } from './recognizer.js';

/** A box on the page in points from the top-left (as the reader's parts give their regions). */
export interface PointBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A header line to read and the parts wanted from it. */
export interface HandLine {
  region: PointBox;
  kinds: HandPartKind[];
}

/** What the pass needs from the reader: page size, rendering, the recognizer. */
export interface HandPassDeps {
  page: { width: number; height: number };
  /** Renders a region of page 1 (fractions of the page) at `dpi`. */
  render(region: Region, dpi: number): Promise<GreyImage>;
  recognizer: { line(image: GreyImage): Promise<LineOutput>; frames(image: GreyImage, kind?: HandPartKind): Promise<DigitFrames> };
}

/** Resolution the lines are rendered at: a pen's digits come out 30–45 px tall. */
export const HAND_DPI = 220;

/**
 * The view of a line the recognizer reads, in fractions of the line height: a little room above
 * (the pen rides high) and below. One view: the crops of its blanks (below) do better than more
 * views of the whole line, at a third of the cost.
 */
const VIEW = { above: 0.35, below: 0.25 };

/** The most digits a part of each kind is written with (`05`, `12`; numerals run to thousands in a year). */
const MAX_DIGITS: Record<HandPartKind, number> = { numeral: 5, day: 2, month: 2 };

/**
 * The crops of a blank besides the line's own frames: the clerk's strokes alone on white
 * (ink-crop.ts) at two sizes and stretched, and the ink box as scanned (blank-crops.ts). The
 * recognizer seldom errs the same way on all of them; measured on the generated set and
 * real-headers (npm run bench:handwriting), the ink alone reads days best, the box as scanned
 * numerals, together best.
 */
const INK_VIEWS: InkCropView[] = [{ fill: 0.7, stretch: 1, normalise: true }, { fill: 0.6, stretch: 1, normalise: true }, { fill: 0.7, stretch: 1.4, normalise: true }];

/**
 * The view of the clerk's marks laid out again a third of the ink's height apart (spacedMarks):
 * measured on the generated set (npm run bench:handwriting, seed 11), days decided and right 83 %
 * → 85.5 % with it, months unchanged; 0.6 apart did no better. Days and months only: on numerals
 * it gained nothing and read real-headers h07's `4552` (last digit run into the slash) as `4532`.
 */
const SPACED_GAP = 0.3;
const SPACED_VIEW: InkCropView = { fill: 0.7, stretch: 1, normalise: true };

/** The region rendered for a line, `above` and `below` line heights added, half a line height each side. */
export function lineRegion(box: PointBox, page: { width: number; height: number }, above: number, below: number): Region {
  const h = Math.max(6, box.y1 - box.y0);
  const x0 = Math.max(0, box.x0 - h * 0.5);
  const x1 = Math.min(page.width, box.x1 + h * 0.5);
  const y0 = Math.max(0, box.y0 - h * above);
  const y1 = Math.min(page.height, box.y1 + h * below);
  return { left: x0 / page.width, top: y0 / page.height, width: (x1 - x0) / page.width, height: (y1 - y0) / page.height };
}

/**
 * Reads the wanted parts of each line: the line recognised once, the blanks found on its best
 * path, and for each blank its frames on the line and its crops decoded on digits, the candidates
 * pooled, no shorter than the separate marks the clerk's ink makes. A part whose labels are not
 * found is absent from the result.
 */
export async function readHandLines(lines: HandLine[], deps: HandPassDeps): Promise<Partial<Record<HandPartKind, HandReading>>> {
  const frames = new Map<HandPartKind, DigitFrames[]>();
  const marks = new Map<HandPartKind, number>();
  const add = (kind: HandPartKind, f: DigitFrames) => frames.set(kind, [...(frames.get(kind) ?? []), f]);
  for (const line of lines) {
    const rendered = await deps.render(lineRegion(line.region, deps.page, VIEW.above, VIEW.below), HAND_DPI);
    // The printed line's rows in the image: the view adds `above` and `below` line heights.
    const total = 1 + VIEW.above + VIEW.below;
    const rowTop = (VIEW.above / total) * rendered.height;
    const rowBottom = ((1 + VIEW.above) / total) * rendered.height;
    // Only the columns with text: the recognizer's cost is per frame, and a column's margins are many.
    const text = inkColumns(rendered, 0, rendered.width, rowTop, rowBottom, rowBottom - rowTop);
    const image = text ? cropImage(rendered, { x0: text.x0, x1: text.x1, y0: 0, y1: rendered.height }) : rendered;
    const out = await deps.recognizer.line(image);
    const perFrame = image.width / out.frames;
    const path = greedyPath(out);
    for (const range of blankFrames(path, out.frames, line.kinds)) {
      add(range.kind, framesOf(out, range));
      const blank = { x0: range.from * perFrame, x1: (range.to + 1) * perFrame, rowTop, rowBottom };
      // A coloured pen is read on its own, the print around it left out (pen-ink.ts).
      const pen = penView(image, blank);
      // A black pen: the numeral's blank bounded by the printed slash, taken out where the pen joins it.
      // Only where the recognizer itself read a character for it: the symbol's slash right after the
      // blank (within a frame), or with no slash read there, the blank's last frames (the slash read
      // as a last `1` or `0`, or merged with the pen's last digit).
      const slashRead = path.find((c) => c.char === '/' && c.t0 >= range.to && c.t0 <= range.to + 2);
      const read = slashRead ? { x0: (slashRead.t0 - 1) * perFrame, x1: (slashRead.t1 + 2) * perFrame } : { x0: (range.to - 2) * perFrame, x1: (range.to + 2) * perFrame };
      const black = !pen && range.kind === 'numeral' ? slashFreeView(image, blank, read) : null;
      const source = pen?.image ?? black?.image ?? image;
      const place = pen?.place ?? black?.place ?? blank;
      // A month's blank: what the recognizer read as the label's letter beside it is print (labelLetters).
      const strokes = range.kind === 'month' ? besideLetters(clerkStrokes(source, place), labelLetters(path, range, perFrame)) : clerkStrokes(source, place);
      // A digit joined to the print at an end of the blank is a mark the strokes miss (never with the pen alone; once).
      const joined = pen ? 0 : edgeJoins(source, place, strokes);
      marks.set(range.kind, Math.max(marks.get(range.kind) ?? 0, inkMarks(strokes) + joined));
      for (const view of INK_VIEWS) {
        const crop = inkCrop(source, strokes, view);
        if (crop) add(range.kind, await deps.recognizer.frames(crop, range.kind));
      }
      // A day's or month's marks set apart, as printed digits are (two strokes `//` close together read as a quote mark otherwise).
      const spaced = range.kind === 'numeral' ? null : spacedMarks(source, strokes, SPACED_GAP);
      const spacedCrop = spaced ? inkCrop(spaced.image, spaced.strokes, SPACED_VIEW) : null;
      if (spacedCrop) add(range.kind, await deps.recognizer.frames(spacedCrop, range.kind));
      // The ink's box as scanned holds whatever is dark in the blank: never what is left of a slash taken out.
      const boxSource = pen?.image ?? image;
      // (A slash left in place, untouched, bounds it as it bounds the strokes.)
      const boxPlace = pen?.place ?? (black && !black.touched ? black.place : blank);
      for (const crop of blankCrops(boxSource, { x0: boxPlace.x0, x1: boxPlace.x1, y0: 0, y1: image.height })) {
        add(range.kind, await deps.recognizer.frames(crop, range.kind));
      }
    }
  }
  const result: Partial<Record<HandPartKind, HandReading>> = {};
  for (const [kind, list] of frames) {
    // More marks than a part of this kind has digits: print came into the blank; the count says nothing.
    const count = marks.get(kind) ?? 0;
    const reading = poolCandidates(kind, list, count <= MAX_DIGITS[kind] ? count : 0);
    if (reading.candidates.length > 0) result[kind] = reading;
  }
  return result;
}
