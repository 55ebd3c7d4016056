// The second recognizer's pass over page 1: each header line that holds a handwritten part (the
// number line, the place-date line) rendered in a few views, each read whole by the recognizer,
// which finds the printed labels (`Số:`, the slash, `ngày`, `tháng`, `năm`) and reads the digits
// between them.
import type { GreyImage, Region } from '../pdf-page.js';
import { blankCrops, type HandPartKind } from './blank-crops.js';
import type { DigitFrames } from './ctc-digits.js';
import { blankFrames, framesOf, greedyPath } from './line-blanks.js';
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
  recognizer: { line(image: GreyImage): Promise<LineOutput>; frames(image: GreyImage): Promise<DigitFrames> };
}

/** Resolution the lines are rendered at: a pen's digits come out 30–45 px tall. */
export const HAND_DPI = 220;

/**
 * The views of a line the recognizer reads: the line with a little room above and below, with more
 * room above (the pen rides high and runs tall), and the first stretched wider (more frames per
 * digit, so a doubled `55` keeps the blank frame between its two). The recognizer seldom errs the
 * same way on all three. Fractions of the line height: [above, below, horizontal stretch].
 */
const VIEWS: [number, number, number][] = [[0.35, 0.25, 1], [0.8, 0.35, 1], [0.35, 0.25, 1.35]];

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
 * Reads the wanted parts of each line: every view recognised once, the blanks found on its best
 * path, their frames decoded on digits, the candidates pooled over the views. A part whose labels
 * are not found on any view is absent from the result.
 */
export async function readHandLines(lines: HandLine[], deps: HandPassDeps): Promise<Partial<Record<HandPartKind, HandReading>>> {
  const frames = new Map<HandPartKind, DigitFrames[]>();
  const add = (kind: HandPartKind, f: DigitFrames) => frames.set(kind, [...(frames.get(kind) ?? []), f]);
  for (const line of lines) {
    const cropped = new Set<HandPartKind>();
    for (const [above, below, stretch] of VIEWS) {
      const rendered = await deps.render(lineRegion(line.region, deps.page, above, below), HAND_DPI);
      const image = stretch === 1 ? rendered : stretched(rendered, stretch);
      const out = await deps.recognizer.line(image);
      for (const range of blankFrames(greedyPath(out), out.frames, line.kinds)) {
        add(range.kind, framesOf(out, range));
        if (cropped.has(range.kind) || stretch !== 1) continue;
        // The blank cut out tight around its ink, read on its own: more pixels per digit than the line.
        cropped.add(range.kind);
        const perFrame = image.width / out.frames;
        for (const crop of blankCrops(image, { x0: range.from * perFrame, x1: (range.to + 1) * perFrame, y0: 0, y1: image.height })) {
          add(range.kind, await deps.recognizer.frames(crop));
        }
      }
    }
  }
  const result: Partial<Record<HandPartKind, HandReading>> = {};
  for (const [kind, list] of frames) {
    const reading = poolCandidates(kind, list);
    if (reading.candidates.length > 0) result[kind] = reading;
  }
  return result;
}

/** The image stretched horizontally by `k` (nearest pixel). */
function stretched(image: GreyImage, k: number): GreyImage {
  const width = Math.round(image.width * k);
  const data = new Uint8Array(width * image.height);
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < width; x += 1) data[y * width + x] = image.data[y * image.width + Math.min(image.width - 1, Math.floor(x / k))] ?? 255;
  }
  return { width, height: image.height, data, scale: image.scale };
}
